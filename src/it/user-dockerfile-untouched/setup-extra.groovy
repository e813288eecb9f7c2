// Checksums and the list of files outside target/, to prove afterwards that nothing there changed.
def files = [:]
basedir.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def rel = basedir.toPath().relativize(f.toPath()).toString()
    if (!rel.startsWith('target/') && rel != 'build.log') {
        files[rel] = support.sha256(f)
    }
}
assert files['Dockerfile'] && files['src/main/docker/Dockerfile']
new File(basedir, 'checksums-before.json').text = groovy.json.JsonOutput.toJson(files)
return true
