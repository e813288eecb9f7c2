def support = evaluate(new File(itSupport)).newInstance(basedir)
support.deleteUnderBasedir('target')
support.recordDockerState()
return true
