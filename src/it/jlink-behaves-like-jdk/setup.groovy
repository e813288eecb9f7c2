def support = evaluate(new File(itSupport)).newInstance(basedir)
support.recordDockerState()
return true
