"""Forwards HTTP requests to a SPARQL endpoint after a fixed delay, standing in for a remote one."""
import argparse, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True, help="the endpoint's URL, e.g. http://127.0.0.1:7070/sparql")
    parser.add_argument("--port", type=int, default=7399)
    parser.add_argument("--delay-ms", type=float, default=100.0, help="added before each request is forwarded")
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            time.sleep(args.delay_ms / 1000)
            request = urllib.request.Request(args.target, data=body, method="POST", headers={
                "Content-Type": self.headers.get("Content-Type", ""), "Accept": self.headers.get("Accept", "")})
            with urllib.request.urlopen(request) as answer:
                payload = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        def log_message(self, *_):
            pass

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()

if __name__ == "__main__":
    main()
