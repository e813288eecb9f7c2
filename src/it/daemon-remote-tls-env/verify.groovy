// DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: build and verify on a remote daemon over TLS.
def itSupportClass = evaluate(new File(itSupport))
def support = itSupportClass.newInstance(basedir)
def remote = itSupportClass.newInstance(basedir).onDaemon([DOCKER_HOST: 'tcp://172.31.250.1:23760', DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: '/var/lib/slim-remote-docker/client'])
def image = 'slim-it/daemon-remote-tls-env:1'
def pushedImage = '127.0.0.1:5000/slim-it/daemon-remote-tls-env:1'
def registryDigest = { ->
    def conn = new URL('http://127.0.0.1:5000/v2/slim-it/daemon-remote-tls-env/manifests/1').openConnection() as HttpURLConnection
    conn.requestMethod = 'HEAD'
    conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
    conn.responseCode == 200 ? conn.getHeaderField('Docker-Content-Digest') : null
}
try {
    def runs = support.buildLog().split(/\[INFO\] Building daemon-remote-tls-env 1\.0\.0/).drop(1)
    assert runs.size() == 2: "two Maven builds in build.log, found ${runs.size()}"
    def log = runs[0]
    def chosen = log.readLines().findAll { it.startsWith('[INFO] Docker daemon: ') }
    assert chosen.size() == 2: "build and verify each name the daemon: ${chosen}"
    chosen.each {
        assert it ==~ /\[INFO\] Docker daemon: Docker \S+ \(API [0-9.]+, remote\) at tcp:\/\/172\.31\.250\.1:23760, chosen by DOCKER_HOST with DOCKER_TLS_VERIFY, TLS with the certificates in \/var\/lib\/slim-remote-docker\/client/: it
    }
    // The port was published on the daemon's address and probed there, not on loopback.
    assert log =~ /\[INFO\] Verifying slim-it\/daemon-remote-tls-env:1 in container [0-9a-f]{12}: GET http:\/\/172\.31\.250\.1:\d+\/hello/
    assert log.contains('[INFO] Verified slim-it/daemon-remote-tls-env:1.')

    // Run 2: the remote daemon pushed; image.json has the digest the registry reports.
    def push = runs[1].readLines().findAll { it.startsWith('[INFO] Docker daemon: ') }
    assert push.size() == 2 && push.every { it.contains('at tcp://172.31.250.1:23760, chosen by DOCKER_HOST with DOCKER_TLS_VERIFY') }: push
    def imageJson = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim/image.json'))
    def digest = registryDigest()
    assert digest != null: 'the registry has the image'
    assert imageJson.pushed*.reference == [pushedImage] && imageJson.pushed[0].digest == digest: imageJson
    assert runs[1].contains("Pushed ${pushedImage}@${digest}")

    def report = support.report()
    assert report.engine == [name: 'Docker', version: report.engine.version, apiVersion: '1.41', host: 'tcp://172.31.250.1:23760', remote: true]
    assert log.contains('built by Docker ' + report.engine.version + ' (API 1.41, remote) at tcp://172.31.250.1:23760')
    assert remote.inspect(pushedImage).Id == report.imageId: 'the image is on the remote daemon'
    assert remote.inspect(image).Id == report.imageId: 'the same image as run 1 built'
    assert !support.imageExists(image) && !support.imageExists(pushedImage): 'and not on the main one'
    assert remote.assertNoLeftovers([image]).builds == 2
    return true
} finally {
    remote.removeImages([image, pushedImage])
    def digest = registryDigest()
    if (digest) {
        def conn = new URL("http://127.0.0.1:5000/v2/slim-it/daemon-remote-tls-env/manifests/${digest}").openConnection() as HttpURLConnection
        conn.requestMethod = 'DELETE'
        println "removed the pushed manifest from the registry: HTTP ${conn.responseCode}"
    }
}
