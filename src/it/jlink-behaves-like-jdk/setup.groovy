def it = evaluate(new File(itSupport)).newInstance(basedir)
it.recordDockerState()
return true
