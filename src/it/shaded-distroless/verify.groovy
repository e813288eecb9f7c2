def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/shaded-distroless:1.0.0'
try {
    assert new File(basedir, 'target/original-shaded-distroless-1.0.0.jar').isFile(): 'the shade plugin replaced the jar'
    assert support.buildLog().contains('shaded (uber) jar, main class com.example.shaded.Main')

    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.readLines().contains('FROM gcr.io/distroless/java17-debian12'): dockerfile
    assert dockerfile.contains('USER 65532')

    // main runs with its arguments and its shaded dependencies, as 65532.
    def run = support.run(image, ['a', 'b'])
    assert run.exit == 0: run.out
    assert run.out.contains('shaded args: a|b'): run.out
    assert run.out.contains('shaded json: {"count":2}'): run.out
    assert run.out.contains('shaded reversed: ba'): run.out
    assert run.out.contains('shaded uid: 65532'): run.out

    def config = support.inspect(image).Config
    assert config.User == '65532'
    // The project's classes, then the bundled libraries packed in one jar: no lib/ on the class path.
    assert config.Entrypoint == ['java', '-XX:MaxRAMPercentage=75', '-cp', '/app/classes:/app/shaded/libraries.jar',
                                 'com.example.shaded.Main']

    // Distroless: no shell to start.
    def shell = support.run(image, ['-c', 'true'], ['--entrypoint', '/bin/sh'])
    assert shell.exit != 0: "the image has a shell: ${shell.out}"

    def report = support.report()
    def inspected = support.inspect(image)
    assert report.runtime == 'distroless'
    assert report.runtimeImage == 'gcr.io/distroless/java17-debian12'
    assert report.imageId == inspected.Id
    assert report.imageBytes == inspected.Size
    def layers = report.layers.collectEntries { [(it.name): it.bytes as long] }
    assert layers['shaded-dependencies'] > 500_000: "gson and commons-lang3 are in their own layer: ${layers}"
    assert layers.classes > 0 && layers.classes < 10_000: layers
    assert report.layers.sum { it.bytes } == report.imageBytes
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.removeImages([image])
}
