// report.html opened in headless Chromium: the rendered page shows report.json's numbers; the size budget fails the
// build on each limit (and passes below it) with one sentence, leaving the image tagged; a rebuild with one changed
// class reuses every layer but the classes.
import java.util.regex.Pattern

def support = evaluate(new File(itSupport)).newInstance(basedir)
def images = ['slim-it/report-page:v1', 'slim-it/report-page:over-image', 'slim-it/report-page:over-layer', 'slim-it/report-page:v2']
// Sizes as the plugin prints them (decimal units, one decimal, kB below 999.95 kB).
def size = { long bytes -> bytes < 999_950 ? String.format(Locale.ROOT, '%.1f kB', bytes / 1000.0) : String.format(Locale.ROOT, '%.1f MB', bytes / 1_000_000.0) }
try {
    def log = support.buildLog()
    def failures = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
    assert failures.size() == 2: failures.join('\n')

    // Build 1: within both limits.
    def first = log.substring(0, log.indexOf('Building slim-it/report-page:over-image'))
    assert first.contains('budget: within, maxImageSize 2000.0 MB, maxLayerSize 52.4 MB'): 'build 1 keeps its limits'

    // Build 2: over maxImageSize; one sentence naming the biggest layers and a slimmer runtime; image tagged.
    def overImage = failures[0]
    assert overImage.contains(': The image slim-it/report-page:over-image is ') && overImage.contains(', over maxImageSize 100.0 MB; biggest layers: base image eclipse-temurin:17-jre '): overImage
    assert overImage.contains('what would shrink it: a slimmer runtime (-Dslim.runtime=jlink links only the modules the application uses, -Dslim.runtime=distroless drops the shell and package manager); the image stays'): overImage
    assert overImage.endsWith('; the image stays built and tagged as slim-it/report-page:over-image, and target/slim/report.html shows its layers. -> [Help 1]'): overImage
    assert support.imageExists('slim-it/report-page:over-image'): 'the image over budget is still tagged'

    // Build 3: over maxLayerSize; names the dependencies layer and its largest jar with its size.
    def overLayer = failures[1]
    def deps = ['commons-lang3-3.17.0.jar', 'gson-2.11.0.jar'].collectEntries { [it, new File(basedir, "target/slim/layers/dependencies/app/lib/${it}").length()] }
    assert deps.values().every { it > 0 }: deps
    assert overLayer.contains(': Its layer dependencies ') && overLayer.contains(' is over maxLayerSize 300.0 kB; biggest layers: base image eclipse-temurin:17-jre '): overLayer
    assert overLayer.contains("what would shrink it: dropping or replacing commons-lang3-3.17.0.jar, the largest file of the dependencies layer (${size(deps['commons-lang3-3.17.0.jar'])} of "): overLayer
    assert !overLayer.contains('slimmer runtime'): 'the base image is not what broke the layer limit: ' + overLayer
    assert support.imageExists('slim-it/report-page:over-layer')

    // Build 4: the report compares with build 3 (same inputs but one class).
    def report = support.report()
    assert report.image == 'slim-it/report-page:v2'
    assert report.budget.maxImageBytes == 2_000_000_000L && report.budget.maxLayerBytes == 50L * 1024 * 1024 && report.budget.exceeded == null
    assert report.layers*.name == ['base image eclipse-temurin:17-jre', 'dependencies', 'resources', 'classes']
    assert report.layers*.kind == ['base-image', 'dependencies', 'resources', 'classes']
    def inspected = support.inspect('slim-it/report-page:v2')
    // The image's layers are the report's, in order, plus the empty working directory's right after the base image's,
    // which the report does not list.
    def imageLayers = inspected.RootFS.Layers.toList()
    def workdirLayer = imageLayers.remove(report.layers[0].diffIds.size())
    assert !(workdirLayer in report.layers.collectMany { it.diffIds })
    assert report.layers.collectMany { it.diffIds } == imageLayers: 'the diff ids are the image\'s layers, in order'
    assert report.layers*.change == ['reused', 'reused', 'reused', 'new']
    assert report.previousBuild.imageId == support.inspect('slim-it/report-page:over-layer').Id
    assert report.previousBuild.reusedLayers == 3 && report.previousBuild.newLayers == 1
    assert report.previousBuild.newBytes == report.layers[3].bytes
    // Compressed sizes: measured for the layers this build adds; the jars are already compressed, the rest is tiny.
    assert report.layers[0].pushedBytes == null
    report.layers[1..3].each { assert it.pushedBytes > 0: it }
    assert report.layers[1].pushedBytes < report.layers[1].bytes * 1.05 && report.layers[1].pushedBytes > report.layers[1].bytes * 0.8
    assert report.pushedBytes == report.layers[1..3].sum { it.pushedBytes }
    assert report.layers[1].largestFile.name == 'commons-lang3-3.17.0.jar'
    assert log.substring(log.lastIndexOf('Image slim-it/report-page:v2')).contains('since the previous build: 3 layers reused, 1 new')

    // The page: self-contained and small.
    def page = new File(basedir, 'target/slim/report.html')
    String html = page.getText('UTF-8')
    assert page.length() < 20_000: "report.html is ${page.length()} bytes"
    assert !(html =~ /(?i)<script|<link|https?:\/\/|src=/): 'no script, no external resource'

    // In the browser.
    def chromium = { List<String> args ->
        def profile = File.createTempDir('slim-it-chromium', '')
        try {
            support.exec(['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                          '--disable-background-networking', '--disable-component-update', '--disable-sync',
                          "--user-data-dir=${profile}".toString()] + args)
        } finally {
            profile.deleteDir()
        }
    }
    def url = page.toURI().toString()
    def dumped = chromium(['--dump-dom', url])
    assert dumped.exit == 0: dumped.out
    String dom = dumped.out
    def one = { String regex ->
        def m = Pattern.compile(regex, Pattern.DOTALL).matcher(dom)
        assert m.find(): "no ${regex} in the rendered page:\n${dom}"
        m
    }
    assert one('<title>slim report: ([^<]*)</title>').group(1) == report.image
    assert one('<code id="image">([^<]*)</code>').group(1) == report.image
    def imageBytes = one('id="image-bytes" data-bytes="(\\d+)">([^<]*)<')
    assert imageBytes.group(1) as long == report.imageBytes && imageBytes.group(2) == size(report.imageBytes)
    def pushed = one('id="pushed-bytes" data-bytes="(\\d+)">([^<]*)<')
    assert pushed.group(1) as long == report.pushedBytes && pushed.group(2) == size(report.pushedBytes)
    def baseline = one('id="baseline-bytes" data-bytes="(\\d+)">([^<]*)<')
    assert baseline.group(1) as long == report.baselineBytes && baseline.group(2) == size(report.baselineBytes)
    def saved = one('id="saved-bytes" data-bytes="(-?\\d+)">([^<]*)<')
    assert saved.group(1) as long == report.savedBytes && saved.group(2) == size(report.savedBytes)
    assert one('id="saved-percent">([^<]*)<').group(1) == String.format(Locale.ROOT, '%.1f%% smaller', report.savedPercent)
    def rows = Pattern.compile('<tr class="layer" data-name="([^"]*)" data-kind="([^"]*)">.*?data-bytes="(\\d+)">([^<]*)<span.*?'
            + '<td class="num pushed" data-bytes="(\\d*)">([^<]*)</td>\\s*<td class="change[^"]*">([^<]*)</td>', Pattern.DOTALL).matcher(dom)
    def rendered = []
    while (rows.find()) {
        rendered << [name: rows.group(1), kind: rows.group(2), bytes: rows.group(3) as long, text: rows.group(4).trim(),
                     pushed: rows.group(5), pushedText: rows.group(6), change: rows.group(7)]
    }
    assert rendered.size() == report.layers.size(): rendered
    report.layers.eachWithIndex { layer, i ->
        def row = rendered[i]
        assert row.name == layer.name && row.kind == layer.kind && row.bytes == layer.bytes && row.text == size(layer.bytes): row
        assert row.pushed == (layer.pushedBytes == null ? '' : "${layer.pushedBytes}")
        assert row.pushedText == (layer.pushedBytes == null ? 'from its registry' : size(layer.pushedBytes)): row
        assert row.change == layer.change: row
    }
    // One bar per layer in each chart, plus the baseline's.
    assert (dom =~ /<rect class="k-/).size() == 2 * report.layers.size() + 1
    assert one('<p id="changes">([^<]*)</p>').group(1).startsWith('3 layers reused and 1 new since the previous build')
    assert one('<div id="budget" class="(\\w+)">').group(1) == 'within'

    def shot = new File(basedir, 'target/report-page.png')
    def screenshot = chromium(["--screenshot=${shot}".toString(), '--window-size=1200,1600', url])
    assert screenshot.exit == 0 && shot.isFile(): screenshot.out
    byte[] png = shot.bytes
    assert png.length > 20_000 && png[1] == (byte) 'P' && png[2] == (byte) 'N' && png[3] == (byte) 'G': "a PNG: ${png.length} bytes"
    println "screenshot: ${shot} (${png.length} bytes)"

    assert support.assertNoLeftovers(images).builds == 4
    return true
} finally {
    support.removeImages(images)
}
