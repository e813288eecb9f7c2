// The Docker config and credential store helper this IT's build uses (invoker.properties points DOCKER_CONFIG and PATH
// here). The helper reads the password from scripts/ensure-registry.sh's directory when asked, so neither file holds it;
// it records each call (never the secret) in helper-calls.log.
def registryDir = support.registryDir()
assert new File(registryDir, 'password').isFile(): "no ${registryDir}/password: run scripts/ensure-registry.sh"
def calls = new File(basedir, 'helper-calls.log')
calls.delete()
def bin = new File(basedir, 'bin')
bin.mkdirs()
def helper = new File(bin, 'docker-credential-slimit')
helper.text = """#!/bin/sh
read server
echo "\$1 \$server" >> '${calls.path}'
[ "\$1" = get ] || exit 2
if [ "\$server" != 127.0.0.1:5001 ]; then echo 'credentials not found in native keychain'; exit 1; fi
printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "\$server" "\$(cat '${registryDir}/username')" "\$(cat '${registryDir}/password')"
"""
assert helper.setExecutable(true)
def config = new File(basedir, 'docker-config')
config.mkdirs()
// As docker login leaves it with a credential store: an empty auths entry, the secret in the store.
new File(config, 'config.json').text = '{"auths": {"127.0.0.1:5001": {}}, "credsStore": "slimit"}\n'
return true
