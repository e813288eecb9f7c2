// Two clean builds of unchanged inputs, both without any layer cache, give byte-identical layers:
// nothing would be pushed again. (No project.build.outputTimestamp here: the plugin's constant applies.)
def it = evaluate(new File(itSupport)).newInstance(basedir)
def one = 'slim-it/repro:one'
def two = 'slim-it/repro:two'
try {
    def log = it.buildLog()
    assert !log.contains('Using cache'): 'both builds made every layer afresh'
    assert it.run(two).out.contains('Reproducible {"ok":true}')

    def layersOne = it.inspect(one).RootFS.Layers
    def layersTwo = it.inspect(two).RootFS.Layers
    assert layersOne.size() >= 4
    assert layersOne == layersTwo: "layer digests differ between clean builds:\n${layersOne.join('\n')}\nvs\n${layersTwo.join('\n')}"
    return true
} finally {
    it.removeImages([one, two])
}
