// The image EXPOSEs 8080, but started without a command the app only prints its usage and exits 0: slim:verify must
// fail, saying which port did not open in how long and what the container printed last.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/verify-port-never-opens:1'
try {
    def failure = support.goalFailure()
    assert failure.contains(':verify ') && failure.contains("Image ${image} failed verification: port 8080/tcp never accepted a " +
            'connection: the container exited with code 0 after '): failure
    assert failure =~ /after \d+\.\d s; it last printed "positional arguments: server  runs the application as an HTTP server"/: failure
    def log = support.buildLog()
    assert log.contains('<verifyArgs>') && log.contains('<verifyPort>0</verifyPort>'): 'the hint says how to check otherwise'
    assert log.contains('usage: app [-h] {server,check} ...'): 'the container output is shown'

    // The same image, told to serve, does open the port: the check is about the app, not the image.
    def id = support.sh(['docker', 'run', '-d', '-p', '127.0.0.1::8080', image, 'server']).trim()
    try {
        def hostPort = support.sh(['docker', 'port', id, '8080/tcp']).readLines().find { it.startsWith('127.0.0.1:') }.split(':')[1].trim()
        def answer = support.httpGet(hostPort as int, '/', 20)
        assert answer.status == 200: answer
    } finally {
        support.removeContainer(id)
    }
    support.assertNoLeftovers([image])
    return true
} finally {
    support.removeImages([image])
}
