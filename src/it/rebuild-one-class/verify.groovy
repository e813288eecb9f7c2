// After a one-class change, only the classes layer is rebuilt, and the change is in the image even though the
// changed class has the same size and the same (fixed) staged timestamp as before.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def v1 = 'slim-it/rebuild-one-class:v1'
def v2 = 'slim-it/rebuild-one-class:v2'
def v3 = 'slim-it/rebuild-one-class:v3'
try {
    assert support.run(v1).out.contains('greeting: VERSION-ONE')
    def second = support.run(v2)
    assert second.exit == 0: second.out
    assert second.out.contains('greeting: VERSION-TWO'): 'the changed class is in the rebuilt image: ' + second.out

    def layers1 = support.inspect(v1).RootFS.Layers
    def layers2 = support.inspect(v2).RootFS.Layers
    assert layers1.size() == layers2.size()
    def changed = (0..<layers1.size()).findAll { layers1[it] != layers2[it] }
    assert changed.size() == 1: "exactly one layer differs, found ${changed.size()}"

    // docker history lists layers newest first; the newest COPY is the classes layer.
    def classesLayerSize = { image ->
        support.sh(['docker', 'history', '--no-trunc', '--human=false', '--format', '{{.CreatedBy}}\t{{.Size}}', image])
                .readLines().findAll { it.contains('COPY') }.first().split('\t')[1] as long
    }
    long classes1 = classesLayerSize(v1)
    long classes2 = classesLayerSize(v2)
    assert classes1 == classes2: 'the changed class has the same size, so only its content tells the builder it changed'
    def classesLayer = [size: classes2]
    def report = support.report()
    def reportedClasses = report.layers.find { it.name == 'classes' }
    assert reportedClasses.bytes == classesLayer.size
    assert classesLayer.size < 10_000: "the rebuilt layer is the size of the compiled classes, not ${classesLayer.size} bytes"

    // The second build started from the first one's image before its classes step: it neither ran nor sent the
    // dependency and resources layers, and built the classes layer.
    def log = support.buildLog()
    def secondBuild = log.substring(log.lastIndexOf('Building slim-it/rebuild-one-class:v2'), log.lastIndexOf('Building slim-it/rebuild-one-class:v3'))
    support.assertStartedFromLastBuild(secondBuild, 'COPY layers/classes/ /')
    assert secondBuild.contains('Layer classes changed, and nothing before it'): secondBuild

    // The third build of the same sources builds every step (slim.force): it makes the image the second build made,
    // the same layers and settings, so starting from the last build's step image changed nothing in the image. (Not
    // always the same image id: a parallel IT's equal step may carry another creation time.)
    def thirdBuild = log.substring(log.lastIndexOf('Building slim-it/rebuild-one-class:v3'))
    assert !thirdBuild.contains("the build starts from the last build's image"): thirdBuild
    assert support.builderStep(thirdBuild, 'COPY layers/dependencies/ /'): thirdBuild
    assert support.inspect(v3).RootFS.Layers == support.inspect(v2).RootFS.Layers
    def settings = { image -> support.inspect(image).Config.subMap(['Entrypoint', 'Cmd', 'Env', 'Labels', 'User', 'WorkingDir', 'ExposedPorts']) }
    assert settings(v3) == settings(v2)
    assert support.assertNoLeftovers([v1, v2, v3]).builds == 3
    return true
} finally {
    support.removeImages([v1, v2, v3])
}
