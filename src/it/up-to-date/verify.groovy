// A second build with nothing changed says the image is up to date and leaves it and its report as they are; a build
// after the image was removed, or after its tag was moved to another image, builds it again.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/up-to-date:v1'
def stranger = 'slim-it/up-to-date:stranger'
def ours = { support.inspect(image).Config.Labels?.get('dev.slimimage.runtime') == 'jre' }
try {
    assert support.run(image).out.contains('up to date: YES')
    String firstId = support.inspect(image).Id
    def reportFile = new File(basedir, 'target/slim/report.json')
    String report = reportFile.text

    // 1. Nothing changed: no staging, no build, the same image and report; and no library loaded for finding that out
    //    (Jackson's start alone cost most of a second: the JVM's class loading log must name none of its classes).
    def same = support.mvn('same', ['package'], localRepositoryPath,
            [MAVEN_OPTS: ((System.getenv('MAVEN_OPTS') ?: '') + ' -Xlog:class+load=info').trim()])
    assert same.exit == 0: same.out
    def slimStep = same.out.substring(same.out.indexOf('--- slim:'))
    def libraryClasses = slimStep.readLines().findAll { it.contains('source: ') && (it =~ /jackson-|commons-compress-|httpclient5-|docker-java-transport-httpclient5/) }
    assert libraryClasses.isEmpty(): "the up-to-date check loaded ${libraryClasses.size()} library classes: ${libraryClasses.take(5)}"
    String shortId = firstId.replaceFirst('^sha256:', '').substring(0, 12)
    assert same.out.contains("Image ${image} is up to date (${shortId})"): same.out
    assert !same.out.contains("Building ${image}"): 'nothing was sent to the daemon'
    assert support.inspect(image).Id == firstId
    assert reportFile.text == report: 'the report still describes the image'
    assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim/image.json')).imageId == firstId

    // 2. The image was removed: built again.
    support.sh(['docker', 'rmi', image])
    def removed = support.mvn('removed', ['package'], localRepositoryPath)
    assert removed.exit == 0: removed.out
    assert removed.out.contains("but ${image} is no longer on the daemon: building it again"): removed.out
    assert removed.out.contains("Building ${image}")
    assert support.run(image).out.contains('up to date: YES')

    // 3. The tag was moved to another image: built again, and the tag is ours again.
    support.dockerBuild(stranger, 'FROM eclipse-temurin:17-jre\nLABEL slim.it=stranger\n')
    support.sh(['docker', 'tag', stranger, image])
    def retagged = support.mvn('retagged', ['package'], localRepositoryPath)
    assert retagged.exit == 0: retagged.out
    assert retagged.out.contains("but ${image} names another image now"): retagged.out
    assert ours(): 'the tag names the built image again'
    assert support.run(image).out.contains('up to date: YES')

    // 4. Forced: built although nothing changed.
    def forced = support.mvn('forced', ['package', '-Dslim.force'], localRepositoryPath)
    assert forced.exit == 0: forced.out
    assert forced.out.contains("Building ${image}") && !forced.out.contains('is up to date')
    return true
} finally {
    support.removeImages([image, stranger])
}
