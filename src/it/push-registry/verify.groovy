// Push to the real registries of scripts/ensure-registry.sh (127.0.0.1:5001 needs basic auth). The invoker's own run
// built the image (package); this script runs the further Maven invocations, one per credential source and failure.
import groovy.json.JsonSlurper

def it = evaluate(new File(itSupport)).newInstance(basedir)
def t0 = System.currentTimeMillis()

def registryDir = new File(System.getenv('SLIM_REGISTRY_DIR') ?: (System.getProperty('user.name') == 'root'
        ? '/var/lib/slim-registry' : System.getProperty('java.io.tmpdir') + '/slim-registry'))
def user = new File(registryDir, 'username').text.trim()
def secret = new File(registryDir, 'password').text.trim()
assert secret.length() >= 12: 'scripts/ensure-registry.sh made a password'

def REG = '127.0.0.1:5001'
def image = "${REG}/push-registry/app:1".toString()
def latest = "${REG}/push-registry/app:latest".toString()
def privateBase = "${REG}/push-registry/jre:17".toString()
def privateApp = "${REG}/push-registry/app-private-base".toString()
def mvnBin = new File(System.getProperty('maven.home'), 'bin/mvn').path
def baseSettings = new File(basedir.parentFile, 'interpolated-settings.xml').text
def work = new File(basedir, 'push-work')
work.mkdirs()
def emptyDockerConfig = new File(work, 'docker-empty')
emptyDockerConfig.mkdirs()

/** One more Maven run in this project: its own settings (servers), DOCKER_CONFIG (default: empty) and log file. */
def mvn = { String name, List args, Map env = [:], String servers = '' ->
    def settings = new File(work, "settings-${name}.xml")
    settings.text = baseSettings.replace('<profiles>', "<servers>${servers}</servers>\n  <profiles>")
    def cmd = [mvnBin, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}"] + args
    def pb = new ProcessBuilder(cmd*.toString()).directory(basedir).redirectErrorStream(true)
    pb.environment().put('DOCKER_CONFIG', emptyDockerConfig.path)
    env.each { k, v -> pb.environment().put(k.toString(), v.toString()) }
    def p = pb.start()
    def out = p.inputStream.text
    p.waitFor()
    new File(work, "${name}.log").text = out
    [exit: p.exitValue(), out: out]
}
def failureLine = { Map r -> r.out.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } ?: r.out }
def imageJson = { String dir = 'target/slim' -> new JsonSlurper().parse(new File(basedir, "${dir}/image.json")) as Map }
def registryDigest = { String repository, String tag ->
    def conn = new URL("http://${REG}/v2/${repository}/manifests/${tag}").openConnection() as HttpURLConnection
    conn.requestMethod = 'HEAD'
    conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
    conn.setRequestProperty('Authorization', 'Basic ' + "${user}:${secret}".bytes.encodeBase64().toString())
    assert conn.responseCode == 200: "registry has ${repository}:${tag}"
    conn.getHeaderField('Docker-Content-Digest')
}
def dockerConfig = { String name, Map json ->
    def dir = new File(work, "docker-${name}")
    dir.mkdirs()
    new File(dir, 'config.json').text = groovy.json.JsonOutput.toJson(json)
    dir
}
def auth = "${user}:${secret}".bytes.encodeBase64().toString()
/** Whether a file holds the text (ItSupport: read in chunks, an image tar is hundreds of MB). */
def fileContains = it.&fileContains
def explicit = ["-Dslim.registry.username=${user}", "-Dslim.registry.password=${secret}"]

try {
    // 0. The invoker's run built the image and described it; nothing pushed yet.
    def built = imageJson()
    assert built.image == image && built.tags == [image, latest] && built.imageId.startsWith('sha256:') && built.pushed == []

    // 1. No credentials anywhere: the registry says "no basic auth credentials"; docker-java does not throw.
    def r = mvn('no-credentials', ['slim:push'])
    assert r.exit != 0
    assert failureLine(r).contains("no credentials were found for ${REG}") && failureLine(r).contains('slim.registry.username'): failureLine(r)
    assert imageJson().pushed == []: 'nothing half-done is reported as done'

    // 2. Wrong password: the sentence names the source, never the secret.
    r = mvn('wrong-password', ['slim:push', "-Dslim.registry.username=${user}", '-Dslim.registry.password=wrong-password-123'])
    assert r.exit != 0
    assert failureLine(r).contains('were not accepted') && failureLine(r).contains('the credentials from slim.registry.username/slim.registry.password'): failureLine(r)
    assert !r.out.contains('wrong-password-123')

    // 3. Explicit properties, with -X: pushed, image.json holds the registry's own digest for every tag.
    r = mvn('explicit', ['-X', 'slim:push'] + explicit)
    assert r.exit == 0: r.out
    assert r.out.contains("Pushing ${image} to ${REG} with the credentials from slim.registry.username/slim.registry.password")
    def pushed = imageJson().pushed
    assert pushed*.reference == [image, latest]
    assert pushed[0].digest == registryDigest('push-registry/app', '1'): 'digest as the registry reports it'
    assert pushed[1].digest == registryDigest('push-registry/app', 'latest')
    assert r.out.contains("Pushed ${image}@${pushed[0].digest}")
    // One line per layer state change: within each push, never the same layer state twice (no per-chunk lines).
    def pushes = r.out.split(/Pushing ${java.util.regex.Pattern.quote(REG)}/).drop(1)
    assert pushes.size() == 2
    pushes.each { section ->
        def layerLines = section.readLines().findAll { it =~ /\[docker\] [0-9a-f]{12}: / }
        assert !layerLines.isEmpty() && layerLines.size() == layerLines.toSet().size(): layerLines.join('\n')
    }
    // With -X, HttpClient's header log would show X-Registry-Auth (the password, base64): it must stay silent.
    assert !(r.out =~ /X-Registry-Auth: ?\S/): 'no registry auth header in the -X log'

    // 4. settings.xml <server> with id = registry host, plain password.
    def server = { String password -> "<server><id>${REG}</id><username>${user}</username><password>${password}</password></server>" }
    r = mvn('settings', ['slim:push'], [:], server(secret))
    assert r.exit == 0: r.out
    assert r.out.contains("with the credentials from settings.xml server '${REG}'")

    // 5. settings.xml with a password encrypted by Maven (settings-security.xml), decrypted by Maven's own decrypter.
    def security = new File(work, 'settings-security.xml')
    def master = mvn('encrypt-master', ['--encrypt-master-password', 'master-of-push-registry']).out.readLines().find { it.startsWith('{') }.trim()
    security.text = "<settingsSecurity><master>${master}</master></settingsSecurity>"
    def encrypted = mvn('encrypt-password', ["-Dsettings.security=${security.path}", '--encrypt-password', secret]).out.readLines()
            .find { it.startsWith('{') }.trim()
    assert !encrypted.contains(secret)
    new File(work, 'encrypt-password.log').delete() // Maven echoes nothing secret, but the argument list is the secret's
    r = mvn('settings-encrypted', ['slim:push', "-Dsettings.security=${security.path}"], [:], server(encrypted))
    assert r.exit == 0: r.out
    assert r.out.contains("with the credentials from settings.xml server '${REG}'")

    // 6. Docker config auths (DOCKER_CONFIG), as docker login leaves it.
    def authsDir = dockerConfig('auths', [auths: [(REG): [auth: auth]]])
    r = mvn('docker-auths', ['slim:push'], [DOCKER_CONFIG: authsDir.path])
    assert r.exit == 0: r.out
    assert r.out.contains("with the credentials from auths in ${authsDir.path}/config.json")

    // 7. A credential helper on PATH (docker-credential-<name> get), named in credHelpers.
    def bin = new File(work, 'bin')
    bin.mkdirs()
    def helper = new File(bin, 'docker-credential-pushit')
    helper.text = "#!/bin/sh\n[ \"\$1\" = get ] || exit 2\nread server\n" +
            "printf '{\"ServerURL\":\"%s\",\"Username\":\"${user}\",\"Secret\":\"%s\"}' \"\$server\" \"\$(cat ${registryDir}/password)\"\n"
    helper.setExecutable(true)
    def helperDir = dockerConfig('helper', [credHelpers: [(REG): 'pushit']])
    r = mvn('credential-helper', ['slim:push'], [DOCKER_CONFIG: helperDir.path, PATH: "${bin.path}:${System.getenv('PATH')}"])
    assert r.exit == 0: r.out
    assert r.out.contains('with the credentials from credential helper docker-credential-pushit')

    // 8. Skips.
    r = mvn('skip', ['slim:push', '-Dslim.push.skip=true'])
    assert r.exit == 0 && r.out.contains('Skipping the push: slim.push.skip is set.')

    // 9. Not built yet (no image.json where push looks).
    r = mvn('not-built', ['slim:push', "-Dslim.outputDirectory=${new File(basedir, 'target/slim-nothing').path}"])
    assert r.exit != 0 && failureLine(r).contains('has not been built yet') && failureLine(r).contains('mvn package slim:push'): failureLine(r)

    // 10. Registry unreachable: nothing listens on 127.0.0.1:5999.
    r = mvn('unreachable', ['package', 'slim:push', '-Dslim.image=127.0.0.1:5999/push-registry/app:1',
            "-Dslim.outputDirectory=${new File(basedir, 'target/slim-unreachable').path}"])
    assert r.exit != 0 && failureLine(r).contains('could not reach the registry 127.0.0.1:5999'): failureLine(r)

    // 11. build's push switch: package alone pushes; the password from the SLIM_REGISTRY_PASSWORD variable.
    r = mvn('build-push', ['package', '-Dslim.build.push=true', "-Dslim.registry.username=${user}"], [SLIM_REGISTRY_PASSWORD: secret])
    assert r.exit == 0: r.out
    assert r.out.contains("Pushed ${image}@sha256:")
    assert imageJson().pushed*.reference == [image, latest]

    // 12. The pushed image, pulled back after removing the local copy, runs.
    it.removeImages([image, latest])
    assert !it.imageExists(image)
    def pull = new ProcessBuilder('docker', 'pull', image).redirectErrorStream(true)
    pull.environment().put('DOCKER_CONFIG', authsDir.path)
    def pullProcess = pull.start()
    def pullOut = pullProcess.inputStream.text
    assert pullProcess.waitFor() == 0: pullOut
    def run = it.run(image)
    assert run.exit == 0 && run.out.contains('hello from push-registry'): run.out

    // 13. A base image that exists only in the authenticated registry is pulled with the same credentials.
    it.sh(['docker', 'tag', 'eclipse-temurin:17-jre', privateBase])
    def push = new ProcessBuilder('docker', 'push', privateBase).redirectErrorStream(true)
    push.environment().put('DOCKER_CONFIG', authsDir.path)
    def pushProcess = push.start()
    def pushOut = pushProcess.inputStream.text
    assert pushProcess.waitFor() == 0: pushOut
    it.removeImages([privateBase])
    def privateArgs = ['package', "-Dslim.runtimeImage=${privateBase}", "-Dslim.image=${privateApp}:1",
                       "-Dslim.outputDirectory=${new File(basedir, 'target/slim-private').path}"]
    r = mvn('private-base-no-credentials', privateArgs)
    assert r.exit != 0 && failureLine(r).contains('could not be pulled') && failureLine(r).contains("give credentials for ${REG}"): failureLine(r)
    r = mvn('private-base', privateArgs, [DOCKER_CONFIG: authsDir.path])
    assert r.exit == 0: r.out
    assert r.out.contains("Pulling ${privateBase} with the credentials for ${REG} from auths in ${authsDir.path}/config.json")
    assert it.imageExists("${privateApp}:1")

    // 14. The secret is nowhere: no log (the -X one included), nothing under target/ (reports, image.json, Dockerfile,
    // staged context), no layer or config of the image.
    assert fileContains(new File(work, 'settings-settings.xml'), secret): 'control: the search finds the secret where it is'
    def hits = []
    work.eachFileMatch(~/.*\.log/) { f -> if (fileContains(f, secret)) hits << f.path }
    if (new File(basedir, 'build.log').text.contains(secret)) hits << 'build.log'
    new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { f ->
        if (fileContains(f, secret)) hits << f.path
    }
    def saved = new File(work, 'image.tar')
    it.sh(['docker', 'save', '-o', saved.path, image, "${privateApp}:1".toString()])
    // Layers are tar streams inside the saved tar (uncompressed), so a secret in any file of any layer shows here.
    if (fileContains(saved, secret)) hits << 'docker save of the images'
    saved.delete()
    if (it.sh(['docker', 'image', 'inspect', image]).contains(secret)) hits << 'docker inspect'
    if (it.sh(['docker', 'history', '--no-trunc', image]).contains(secret)) hits << 'docker history'
    assert hits.isEmpty(): "the registry password appears in ${hits}"

    println "push-registry: verify took ${(System.currentTimeMillis() - t0) / 1000} s"
    return true
} finally {
    def ours = it.sh(['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}']).readLines()
            .findAll { it.contains('/push-registry/') }
    it.removeImages(ours)
    it.removeContainersOf(image)
}
