def support = evaluate(new File(itSupport)).newInstance(basedir)
def failure = support.goalFailure()
assert failure.contains("'Not A Valid:Ref' is not a valid image reference"): failure
assert failure.contains('lowercase'): 'says what is wrong with it: ' + failure
// Fails fast: checked before the Dockerfile is staged and before the daemon is contacted.
def log = support.buildLog()
assert !log.contains('Wrote target/slim/Dockerfile'): 'nothing staged'
assert !new File(basedir, 'target/slim').exists(): 'nothing written under target/slim'
assert !log.contains('Building Not A Valid') && !log.contains('Pulling '): 'the daemon was not used'
assert support.builderOutput(log).isEmpty(): 'no builder output'
def labelled = support.sh(['docker', 'images', '-q', '--filter', 'label=org.opencontainers.image.title=error-invalid-image'])
assert labelled.trim().isEmpty(): 'no image of this project exists'
assert support.assertNoLeftovers([]).builds == 0
return true
