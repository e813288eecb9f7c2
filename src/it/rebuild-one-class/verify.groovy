// After a one-class change, only the classes layer is rebuilt, and the change is in the image even though the
// changed class has the same size and the same (fixed) staged timestamp as before.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def v1 = 'slim-it/rebuild-one-class:v1'
def v2 = 'slim-it/rebuild-one-class:v2'
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

    // The second build reused the dependency and resources layers from cache and rebuilt the classes layer.
    def log = support.buildLog()
    def secondBuild = log.substring(log.lastIndexOf('Building slim-it/rebuild-one-class:v2'))
    def firstBuild = log.substring(log.indexOf('Building slim-it/rebuild-one-class:v1'), log.lastIndexOf('Building slim-it/rebuild-one-class:v2'))
    support.assertStepReused(firstBuild, secondBuild, 'COPY layers/dependencies/ /')
    assert !support.builderStep(secondBuild, 'COPY layers/classes/ /').cached: 'the classes layer was rebuilt'
    assert support.assertNoLeftovers([v1, v2]).builds == 2
    return true
} finally {
    support.removeImages([v1, v2])
}
