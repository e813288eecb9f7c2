// One app, three runtimes: it writes below its working directory (/work, the runtime user's) and cannot write into its
// code (/app, root's). Build 1 also gives its settings as -D properties: jvmFlags with commas and quotes, split like
// JAVA_OPTS, and a misspelt property that must be warned about once, with the right name.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def images = ['jre', 'distroless', 'jlink'].collect { "slim-it/container-fit:${it}".toString() }
try {
    def log = support.buildLog()
    assert log.count('Verified slim-it/container-fit:') == 3: 'slim:verify ran and passed each image'

    images.each { image ->
        def run = support.run(image)
        assert run.exit == 0: "${image}:\n${run.out}"
        assert run.out.contains('wrote /work/data/x: written, /work/target/example.mv.db'): "${image}:\n${run.out}"
        ['/app/probe', '/app/classes/probe', '/app/classes/com/example/fit/Main.class'].each {
            assert run.out.contains("read-only: ${it}"): "${image} must not let its user write ${it}:\n${run.out}"
        }
        assert support.inspect(image).Config.WorkingDir == '/work'
    }
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    assert dockerfile.contains('COPY --chown=65532 layers/workdir/ /') && dockerfile.contains('WORKDIR /work')

    // -Dslim.jvmFlags="-Xss1m -Dlist=a,b \"-Dgreeting=hello, world\"": three flags, commas kept.
    def jre = support.run(images[0])
    assert jre.out.contains('list=a,b greeting=hello, world'): jre.out
    def entrypoint = support.inspect(images[0]).Config.Entrypoint
    assert entrypoint.containsAll(['-Xss1m', '-Dlist=a,b', '-Dgreeting=hello, world']): entrypoint
    assert !support.run(images[1]).out.contains('list=a,b'): 'builds 2 and 3 had no jvmFlags'

    // -Dslim.verifyHttpPath=/ is no parameter: one warning in build 1 (build and verify ran), naming slim.verify.httpPath.
    def warning = '[WARNING] The property slim.verifyHttpPath is not read by slim-maven-plugin and has no effect; did you mean ' +
            'slim.verify.httpPath?'
    assert log.count(warning) == 1: log.readLines().findAll { it.contains('slim.verifyHttpPath') }.join('\n')
    assert !log.readLines().any { it.startsWith('[WARNING] The property') && !it.contains('slim.verifyHttpPath') }

    support.assertNoLeftovers(images)
    return true
} finally {
    support.recordJlinkCacheTags()
    support.removeImages(images)
}
