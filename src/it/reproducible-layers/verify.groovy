// Two clean builds of unchanged inputs, both without any layer cache, give byte-identical layers:
// nothing would be pushed again. (No project.build.outputTimestamp here: the plugin's constant applies.)
def support = evaluate(new File(itSupport)).newInstance(basedir)
def one = 'slim-it/reproducible-layers:one'
def two = 'slim-it/reproducible-layers:two'
try {
    def log = support.buildLog()
    assert !log.contains('Using cache'): 'both builds made every layer afresh'
    assert support.run(two).out.contains('Reproducible {"ok":true}')

    def layersOne = support.inspect(one).RootFS.Layers
    def layersTwo = support.inspect(two).RootFS.Layers
    assert layersOne.size() >= 4
    assert layersOne == layersTwo: "layer digests differ between clean builds:\n${layersOne.join('\n')}\nvs\n${layersTwo.join('\n')}"
    assert support.assertNoLeftovers([one, two]).builds == 2
    return true
} finally {
    support.removeImages([one, two])
}
