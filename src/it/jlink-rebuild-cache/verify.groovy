// runtime=jlink and incremental builds: a one-class change rebuilds only the classes layer (on the last build's image
// with the linked runtime in it), and a build without changes reuses the module analysis.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def v1 = 'slim-it/jlink-rebuild-cache:v1'
def v2 = 'slim-it/jlink-rebuild-cache:v2'
def v3 = 'slim-it/jlink-rebuild-cache:v3'
try {
    def log = support.buildLog()
    def builds = log.split(/\[INFO\] Building jlink-rebuild-cache 1\.0\.0/).drop(1)
    assert builds.size() == 3: "three Maven builds in build.log, found ${builds.size()}"

    // The images do what their sources say.
    def run1 = support.run(v1)
    assert run1.exit == 0 && run1.out.contains('greeting: VERSION-ONE'): run1.out
    def run2 = support.run(v2)
    assert run2.exit == 0 && run2.out.contains('greeting: VERSION-TWO'): 'the changed class is in the rebuilt image: ' + run2.out

    // Build 2 analysed the classes again (one changed) but got the same modules, so the Dockerfile stayed the same
    // and the build started from build 1's image before its classes step: the jlink stage, the linked runtime layer and
    // the dependencies were neither run nor sent. Build 1 itself may have been answered from cache: the daemon outlives
    // a test run, and an earlier run that was stopped before its clean-up leaves the same stage.
    assert builds[0].contains("Module analysis: class-file scan by jdeps' rules, JDK 17")
    def jlinkRun = support.builderStep(builds[0], 'RUN set -e;')
    assert jlinkRun.instruction.contains('jlink --add-modules'): jlinkRun
    // A changed class means a fresh analysis of the classes, while the dependencies' analysis is reused.
    assert builds[1].contains("Module analysis: class-file scan by jdeps' rules, JDK 17 (dependencies unchanged: their analysis reused)")
    def modulesLine = { String build -> build.readLines().find { it.startsWith('[INFO] Linking ') }.replaceAll(/ \(.*\): /, ': ') }
    assert modulesLine(builds[0]) == modulesLine(builds[1])
    support.assertStartedFromLastBuild(builds[1], 'COPY layers/classes/ /')
    assert support.builderSteps(builds[1]).every { !it.instruction.startsWith('RUN') && !it.instruction.contains('--from=jlink') }: 'the jlink stage was not built again'

    // The layers say the same: all but the classes layer are shared between v1 and v2.
    def layers1 = support.inspect(v1).RootFS.Layers
    def layers2 = support.inspect(v2).RootFS.Layers
    assert layers1.size() == layers2.size()
    def changed = (0..<layers1.size()).findAll { layers1[it] != layers2[it] }
    assert changed == [layers1.size() - 1]: "only the last (classes) layer differs, found ${changed}"

    // Build 3: nothing changed, so the module analysis was read from target/slim-cache and the image is the same.
    assert builds[2].contains("Module analysis: class-file scan by jdeps' rules, JDK 17 (cached: classes and dependencies unchanged)"): 'no fresh analysis in build 3'
    def report = support.report()
    assert report.image == v3
    assert report.moduleAnalysis == "class-file scan by jdeps' rules, JDK 17 (cached: classes and dependencies unchanged)": report.moduleAnalysis
    assert new File(basedir, 'target/slim-cache/modules-cache.json').isFile()
    assert support.inspect(v3).Id == support.inspect(v2).Id: 'same inputs, same image'
    def run3 = support.run(v3)
    assert run3.exit == 0 && run3.out.contains('greeting: VERSION-TWO'): run3.out
    println "imageBytes ${report.imageBytes}, baselineBytes ${report.baselineBytes}, modules ${report.modules*.name.join(',')}"
    assert support.assertNoLeftovers([v1, v2, v3]).builds == 3
    return true
} finally {
    support.recordJlinkCacheTags()
    support.removeImages([v1, v2, v3])
}
