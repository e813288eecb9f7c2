def support = evaluate(new File(itSupport)).newInstance(basedir)
def failure = support.goalFailure()
assert failure.contains('No Docker daemon answered at tcp://127.0.0.1:23760 with TLS (certificates in /var/lib/slim-remote-docker/wrong-client)'): failure
assert failure.contains('chosen by DOCKER_HOST with DOCKER_TLS_VERIFY: the TLS handshake failed; check that /var/lib/slim-remote-docker/wrong-client holds this daemon\'s CA as ca.pem and a client certificate it accepts as cert.pem with its key.pem.'): failure
assert !failure.contains('Exception'): 'one sentence without the library exception: ' + failure
assert !new File(basedir, 'target/slim/report.json').exists()
return true
