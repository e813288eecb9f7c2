def it = evaluate(new File(itSupport)).newInstance(basedir)
it.deleteUnderBasedir('target')
it.recordDockerState()
return true
