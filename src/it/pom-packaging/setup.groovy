def it = evaluate(new File(itSupport)).newInstance(basedir)
it.deleteUnderBasedir('target')
return true
