// A plain jar with startupCache=auto: refused without training arguments, a failing training run fails the build with
// its output, and a good one gives an image whose JVM loads the application's classes from the archive.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/startup-cache-plain:1.0.0'
try {
    def log = support.buildLog()
    assert log.contains('startupCache=auto needs a training run that starts the application and exits, and a plain jar with '
            + 'Maven-resolved dependencies has no standard way to do that: give the arguments of such a run with <trainingArgs> '
            + '(-Dslim.startupCache.trainingArgs=…) or its JVM flags with <trainingJvmFlags>, or set startupCache=none.'): 'build 1 refused'
    def failure = log.readLines().findIndexOf { it.contains('The training run of the startup cache failed: ') }
    assert failure >= 0: 'build 2 failed in the training run'
    assert log.readLines().drop(failure).take(40).any { it.contains('IllegalStateException: the training run failed on purpose') }
    assert log.contains('Trained the dynamic AppCDS archive /app/startup/app.jsa'): 'build 3 trained'

    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    // The archive is the image's last layer: only the labels come after it.
    assert dockerfile.readLines().findAll { it.startsWith('COPY ') }.last() == 'COPY --from=training /app/startup/app.jsa /app/startup/app.jsa'
    def entrypoint = support.inspect(image).Config.Entrypoint
    assert entrypoint == ['java', '-XX:MaxRAMPercentage=75', '-XX:SharedArchiveFile=/app/startup/app.jsa', '-cp',
            '/app/classes/resources.jar:/app/classes/classes.jar:/app/lib/gson-2.11.0.jar:/app/lib/error_prone_annotations-2.27.0.jar',
            'com.example.training.Main']: entrypoint

    // Told to require the archive, the JVM starts and loads the application's class and Gson from it.
    def run = support.run(image, [], ['-e', 'JAVA_TOOL_OPTIONS=-Xshare:on -Xlog:class+load=info'])
    assert run.exit == 0: run.out
    assert run.out.contains('json: {"args":0}'): run.out
    assert run.out.readLines().find { it.contains('com.example.training.Main ') }.contains('shared objects file'): run.out
    assert run.out.readLines().find { it.contains('com.google.gson.Gson ') }.contains('shared objects file'): run.out
    // The classes are packed reproducibly: a jar, not a directory, in the classes layer.
    def ls = support.run(image, ['-l', '/app/classes'], ['--entrypoint', 'ls'])
    assert ls.out.contains('classes.jar'): ls.out
    return true
} finally {
    support.removeImages([image])
}
