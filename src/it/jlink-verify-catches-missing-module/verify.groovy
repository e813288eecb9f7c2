// The user excluded java.sql, which the application needs at startup: the image builds, but slim:verify runs it,
// fails the build, shows what the container printed and names the module to add back. No container is left.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/jlink-verify-catches-missing-module:1'
try {
    def log = support.buildLog()
    // The image was built without java.sql, and the build said so.
    assert log.contains("Successfully tagged ${image}")
    assert log.contains('[WARNING]   left out by excludeModules: java.sql (used by the application\'s classes')
    def report = support.report()
    assert !report.modules*.name.contains('java.sql')
    assert report.excludedModules*.name == ['java.sql']
    assert !support.linkedModules(image).contains('java.sql')

    // slim:verify failed the build: the reason, the hint naming the module, and the container's own output.
    def failure = support.goalFailure()
    assert failure.contains(':verify ') && failure.contains("Image ${image} failed verification"): failure
    assert failure.contains('the container exited with code 1'): failure
    assert log.contains('The linked runtime lacks module java.sql (it holds java.sql.Timestamp): '
            + 'add <addModules><addModule>java.sql</addModule></addModules> or remove it from <excludeModules>.'): 'the hint names java.sql'
    def output = log.substring(log.indexOf('Container output:'))
    assert output.contains('java.lang.NoClassDefFoundError: java/sql/Timestamp'): output
    assert !log.contains('Verified '): 'verification did not pass'

    // The same classes run fine on the full JDK: the module, not the application, is what is missing.
    def classes = new File(basedir, 'target/classes').canonicalPath
    def full = support.run('eclipse-temurin:17-jdk', ['java', '-cp', '/x', 'com.example.missing.Main'], ['-v', "${classes}:/x:ro".toString()])
    assert full.exit == 0 && full.out.contains('epoch as java.sql.Timestamp: 1970-01-01T00:00:00Z'): full.out

    // The verify container was removed.
    assert support.sh(['docker', 'ps', '-aq', '--filter', "ancestor=${image}".toString()]).trim().isEmpty(): 'no container of the image'
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.recordJlinkCacheTags()
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
