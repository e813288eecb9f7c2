// The pre-build hook of every IT (pom.xml: <preBuildHookScript>${it.setupHook}</preBuildHookScript>).
//
// The invoker runs it as new File(<IT dir>, setupHook) and binds basedir to that file's parent directory, i.e.
// <IT dir>/../../../src/it: the IT's own directory is found by undoing setupHook's directory part, one name at a time
// (File.parentFile works on the path as written, it does not resolve "..").
//
// Per IT extras go into <IT dir>/setup-extra.groovy: it runs after this with basedir (the IT's directory), itSupport
// and support (the ItSupport instance) bound, and must return true or nothing.
File itDir = basedir
new File(setupHook).parent.split('/').each { itDir = itDir.parentFile }
assert itDir != null && new File(itDir, 'pom.xml').isFile() && itDir.canonicalPath != basedir.canonicalPath:
        "no IT directory at ${itDir} (hook basedir ${basedir}, setupHook ${setupHook})"
itDir = itDir.canonicalFile

def itSupportClass = evaluate(new File(itSupport))
itSupportClass.checkParser()
def support = itSupportClass.newInstance(itDir)
// A target/ copied along from src/it/<name> (after a manual build there) must not pass for this run's output.
support.deleteUnderBasedir('target')
println "setup: ${itDir.name}"

def extra = new File(itDir, 'setup-extra.groovy')
if (extra.isFile()) {
    def binding = new Binding([basedir: itDir, itSupport: itSupport, support: support])
    def result = new GroovyShell(itSupportClass.classLoader, binding).evaluate(extra)
    assert result == null || result == true: "${extra} returned ${result}"
}
return true
