def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/pom-packaging'
try {
    def log = support.buildLog()
    assert log.contains('slim-maven-plugin') || log.contains('slim:'): 'the goal ran'
    def skip = log.readLines().find { it.contains('Skipping slim') }
    assert skip != null: 'the skip is logged'
    assert skip.contains('pom packaging'): skip
    assert log.contains('BUILD SUCCESS')
    assert !new File(basedir, 'target/slim').exists(): 'nothing written'
    assert support.imagesOf(image).isEmpty(): 'nothing built'
    assert support.assertNoLeftovers([image]).builds == 0
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
