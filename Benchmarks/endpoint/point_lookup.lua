-- wrk script for Benchmarks/endpoint/endpoint_bench.py: every request is the same SPARQL GET
-- (path and query string from $BENCH_PATH, JSON results asked for); at the end one line
--   RESULT {"requests":…,"seconds":…,"p50_ms":…,"p99_ms":…,"errors":…,"non2xx":…}
-- that the driver parses (wrk's own report stays human-readable above it).
wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH")
wrk.headers["Accept"] = "application/sparql-results+json"

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'RESULT {"requests":%d,"seconds":%.3f,"p50_ms":%.3f,"p99_ms":%.3f,"errors":%d,"non2xx":%d}\n',
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      e.connect + e.read + e.write + e.timeout, e.status))
end
