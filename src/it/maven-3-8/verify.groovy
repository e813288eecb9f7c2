def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/maven-3-8:1.0.0'
try {
    def log = support.buildLog()
    // -V's banner (Maven 3.8 starts it with an ANSI reset even in batch mode).
    def banner = log.readLines().find { it.contains('Apache Maven ') }
    assert banner != null && banner =~ /Apache Maven 3\.8\.\d+/: "built by Maven 3.8.x, not: ${banner}"
    assert log.contains('Maven home: /usr/share/maven'): 'the invoker ran Debian\'s Maven'

    def run = support.run(image, ['x', 'y z'])
    assert run.exit == 0: run.out
    assert run.out.contains('m38 args: x|y z'): run.out
    assert run.out.contains('m38 json: {"count":2}'): run.out
    assert run.out.contains('m38 uid: 65532'): run.out

    def inspected = support.inspect(image)
    assert inspected.Config.User == '65532'
    assert inspected.Config.Labels['org.opencontainers.image.title'] == 'Plain app on Maven 3.8'
    def report = support.report()
    assert report.imageId == inspected.Id
    assert report.imageBytes == inspected.Size
    assert report.layers*.name.containsAll(['dependencies', 'resources', 'classes'])
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.removeImages([image])
}
