def it = evaluate(new File(itSupport)).newInstance(basedir)
it.deleteUnderBasedir('target')
it.deleteUnderBasedir('push-work')
return true
