import Foundation
import SharedTestPaths
import XCTest

/// Bad input on the command line: one clear line on stderr, a non-zero exit, nothing written.
final class CommandLineErrorsTests: XCTestCase {
    private func expectFailure(_ arguments: [String], mentioning text: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CoAttCommand.run(arguments)
        XCTAssertNotEqual(result.status, 0, "coatt \(arguments.joined(separator: " ")) succeeded", file: file, line: line)
        XCTAssertTrue(result.stderr.localizedCaseInsensitiveContains(text),
                      "stderr of coatt \(arguments.joined(separator: " ")) lacks '\(text)': \(result.stderr)", file: file, line: line)
    }

    func testQueriesThatRasqalRejectsOrCrashesOnFailCleanly() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["query", "--store", "memory", "SELECT ?x WHERE { ?x ?y }"], mentioning: "syntax error")
        try expectFailure(["query", "--store", "memory", "SELECT ?x WHERE { ?x ?y }"], mentioning: "line 1")
        try expectFailure(["query", "--store", "memory", "   "], mentioning: "empty query")
        try expectFailure(["query", "--store", "memory", "# only a comment\n  # and another"], mentioning: "empty query")
        let deep = "ASK {" + String(repeating: "{", count: 5000) + String(repeating: "}", count: 5000) + "}"
        try expectFailure(["query", "--store", "memory", deep], mentioning: "nests too deeply")
        // rasqal 0.9.33 alone rejects a comment that ends the text without a newline.
        let commented = try CoAttCommand.run(["query", "--store", "memory", "ASK {} # a final comment"])
        XCTAssertEqual(commented.status, 0, commented.stderr)
        // rasqal 0.9.33 overflows its stack on 200,000 UNIONs: the query runs in a child process,
        // so the command reports it instead of dying.
        let unions = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-unions-\(UUID().uuidString).rq")
        defer { try? FileManager.default.removeItem(at: unions) }
        try ("SELECT * { " + Array(repeating: "{}", count: 200_000).joined(separator: " UNION ") + " }").write(to: unions, atomically: true, encoding: .utf8)
        try expectFailure(["query", "--store", "memory", "--file", unions.path], mentioning: "crashed")
        let crashed = try CoAttCommand.run(["query", "--store", "memory", "--file", unions.path])
        XCTAssertFalse(crashed.stderr.contains("Backtrace") || crashed.stderr.contains("Program crashed"),
                       "a crash is one line, not Swift's backtrace: \(crashed.stderr)")
        // Four added constants aborted rasqal's parser (REDLAND.md §2) until NumericSignRewrite.
        let sum = try CoAttCommand.run(["query", "--store", "memory", "--format", "csv", "SELECT (1+1+1+1 AS ?x) {}"])
        XCTAssertEqual(sum.stdout, "x\r\n4\r\n", sum.stderr)
        try expectFailure(["query", "--store", "memory", "--format", "yaml", "ASK {}"], mentioning: "unknown format")
    }

    /// A query runs in a child process (`CrashIsolation`); a caller's time limit that kills the
    /// command outright (SIGKILL) ends the child too, instead of leaving it running unseen.
    func testAKilledQueryLeavesNoChildRunning() throws {
        try CoAttCommand.requireBinary()
        let marker = "killed-\(UUID().uuidString)"
        let numbers = (1...300).map(String.init).joined(separator: " ")
        let process = Process()
        process.executableURL = try SharedTestPaths.coattBinary()
        // 27 million solutions to count: minutes of work.
        process.arguments = ["query", "--store", "memory",
                             "SELECT (COUNT(*) AS ?n) { VALUES ?a { \(numbers) } VALUES ?b { \(numbers) } VALUES ?c { \(numbers) } } # \(marker)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(Self.processes(mentioning: marker).count, 2, "the command and its child run")
        kill(process.processIdentifier, SIGKILL)
        var left = Self.processes(mentioning: marker)
        for _ in 0..<50 where !left.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            left = Self.processes(mentioning: marker)
        }
        XCTAssertEqual(left, [], "the query's child outlived the killed command")
        for pid in left { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The pids of running processes whose command line holds `text`.
    private static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), !status.contains(") Z ") else { return false }
            return String(decoding: line, as: UTF8.self).contains(text)
        }
    }

    /// Header values the endpoint would send are ASCII, so a non-ASCII origin is refused at start.
    func testServeRefusesAnOriginThatIsNoHeaderValue() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["serve", "--store", "memory", "--port", "0", "--cors-origin", "https://bücher.example"],
                          mentioning: "--cors-origin must be * or an origin in printable ASCII")
    }

    func testLoadErrorsNameTheProblem() throws {
        try CoAttCommand.requireBinary()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        try expectFailure(["load", "--store", store, "/nonexistent/file.ttl"], mentioning: "no such file")
        try expectFailure(["load", "--store", store, "--format", "n5", "x.ttl"], mentioning: "unknown format")
        try expectFailure(["load", "--store", store, "--format", "turtle", NSTemporaryDirectory()], mentioning: "directory")
        try expectFailure(["load", "--store", store + "/quads.sqlite/x.store", "/nonexistent/file.ttl"], mentioning: "quads.sqlite is a file")
        try expectFailure(["store", "drop", "--store", store, "http://example.org/absent"], mentioning: "no graph")
    }

    func testReadingCommandsNeverCreateAStore() throws {
        try CoAttCommand.requireBinary()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-typo-\(UUID().uuidString).store").path
        defer { try? FileManager.default.removeItem(atPath: missing) }
        for arguments in [["query", "--store", missing, "ASK {}"], ["store", "graphs", "--store", missing],
                          ["store", "stats", "--store", missing], ["store", "dump", "--store", missing],
                          ["kge", "nearest", "--store", missing, "http://example.org/e"]] {
            try expectFailure(arguments, mentioning: "no store at \(missing)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a mistyped store path was created")
    }

    /// A thread count OpenBLAS cannot take is refused with a message, not a crash.
    func testThreadCountsAreChecked() throws {
        try CoAttCommand.requireBinary()
        for count in ["0", "3000000000"] {
            try expectFailure(["ner", "tag", "--model", NSTemporaryDirectory(), "x", "--threads", count], mentioning: "--threads must be")
        }
    }

    /// Options and files a command cannot use are named in one line, never Foundation's error dump.
    func testUnusableOptionsAndFilesAreNamed() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["sparql-tests", "--timeout", "0"], mentioning: "--timeout must be positive")
        try expectFailure(["bench", "encoder", "--batches", "0"], mentioning: "--batches must be positive")
        try expectFailure(["bench", "query", "--store", "memory", NSTemporaryDirectory()], mentioning: "query file")
        try expectFailure(["bench", "query", "--store", "memory", NSTemporaryDirectory()], mentioning: "is a directory")
        try expectFailure(["serve", "--store", NSTemporaryDirectory(), "--port", "0", "--update-token-file", NSTemporaryDirectory()],
                          mentioning: "update token file")
        try expectFailure(["query", "--store", "memory", "--file", "/nonexistent/q.rq"], mentioning: "query file /nonexistent/q.rq: no such file")
    }

    /// A query `bench query` cannot run is named by its file: the run stops at it, among many.
    func testBenchQueryNamesTheFileOfAQueryThatFails() throws {
        try CoAttCommand.requireBinary()
        let query = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-bad-\(UUID().uuidString).rq")
        try Data("SELECT * { ?s ?p }\n".utf8).write(to: query)
        defer { try? FileManager.default.removeItem(at: query) }
        try expectFailure(["bench", "query", "--store", "memory", query.path], mentioning: "\(query.path): SPARQL syntax error: line 1")
    }

    /// Text files that are not UTF-8 (a Latin-1 export, say) are refused with the line and byte
    /// where they stop being UTF-8, whichever command reads them.
    func testTextFilesThatAreNotUTF8NameTheLine() throws {
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-latin1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // "café" in Latin-1 on line 3, after a line with a correctly encoded "é".
        let latin1 = Data("# a query\nASK { ?s ?p \"é\" }\n# caf".utf8) + Data([0xE9]) + Data("\n".utf8)
        let query = folder.appendingPathComponent("q.rq"), posts = folder.appendingPathComponent("posts.txt")
        try latin1.write(to: query)
        try (Data("Obama visited Paris\nMerkel in Z".utf8) + Data([0xFC]) + Data("rich\n".utf8)).write(to: posts)
        try expectFailure(["query", "--store", "memory", "--file", query.path], mentioning: "\(query.path):3: not UTF-8 (byte 0xE9 at byte 6 of the line)")
        try expectFailure(["bench", "query", "--store", "memory", query.path], mentioning: "\(query.path):3: not UTF-8")
        try expectFailure(["extract", "--model", NSTemporaryDirectory(), "--input", posts.path], mentioning: "\(posts.path):2: not UTF-8 (byte 0xFC at byte 12 of the line)")
    }

    /// A syntax error in a query or update read with --file names the file, as `bench query` does.
    func testASyntaxErrorInAFileNamesTheFile() throws {
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-syntax-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let query = folder.appendingPathComponent("q.rq"), update = folder.appendingPathComponent("u.ru")
        try "SELECT ?p {\n ?p dbr:birthPlace ?x }\n".write(to: query, atomically: true, encoding: .utf8)
        try "INSERT DATA {\n <http://e/a> <http://e/b> \"c }\n".write(to: update, atomically: true, encoding: .utf8)
        try expectFailure(["query", "--store", "memory", "--file", query.path],
                          mentioning: "\(query.path): SPARQL syntax error: line 2: the prefix dbr: of dbr:birthPlace is not declared")
        try expectFailure(["update", "--store", "memory", "--file", update.path],
                          mentioning: "\(update.path): SPARQL syntax error: line 2: the string \"c }")
    }

    /// A worker count past all reason is refused before any process starts.
    func testServeRefusesAnUnreasonableWorkerCount() throws {
        try CoAttCommand.requireBinary()
        for count in ["0", "100000000"] {
            try expectFailure(["serve", "--store", NSTemporaryDirectory(), "--port", "0", "--workers", count], mentioning: "--workers must be between 1 and")
        }
    }

    func testDumpOfAnAbsentGraphFails() throws {
        try CoAttCommand.requireBinary()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)").path
        let data = store + ".nt"
        defer { try? FileManager.default.removeItem(atPath: store); try? FileManager.default.removeItem(atPath: data) }
        try "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n".write(toFile: data, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CoAttCommand.run(["load", "--store", store, "--graph", "http://example.org/g", data]).status, 0)
        XCTAssertEqual(try CoAttCommand.run(["store", "dump", "--store", store, "http://example.org/g"]).stdout.split(separator: "\n").count, 1)
        try expectFailure(["store", "dump", "--store", store, "http://example.org/absent"], mentioning: "no graph")
        try expectFailure(["store", "dump", "--store", store, "default"], mentioning: "no graph default")
    }

    /// Runs `script` with `$0` set to the coatt binary; returns its status and stderr.
    private func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script, CoAttCommand.binary]
        let errors = Pipe()
        shell.standardError = errors
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        return (shell.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Output that cannot be written is an error; a reader that leaves early ends the command quietly.
    func testOutputThatCannotBeWrittenIsAnError() throws {
        try CoAttCommand.requireBinary()
        let full = try shell(#""$0" query --store memory 'SELECT ?x { VALUES ?x { 1 2 3 } }' > /dev/full"#)
        XCTAssertTrue(full.status != 0 && full.stderr.contains("cannot write the output"), full.stderr)
        let piped = try shell(#""$0" query --store memory --format csv 'SELECT ?x { VALUES ?x { 1 2 3 } }' | head -c 1 > /dev/null"#)
        XCTAssertFalse(piped.stderr.contains("crashed"), piped.stderr)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-nul-\(UUID().uuidString).rq")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("ASK {}\u{0} garbage {".utf8).write(to: file)
        try expectFailure(["query", "--store", "memory", "--file", file.path], mentioning: "NUL character")
    }

    /// `coatt help` of a command that does not exist is an error, not the overview.
    func testHelpForAnUnknownCommandIsAnError() throws {
        try CoAttCommand.requireBinary()
        try expectFailure(["help", "laod"], mentioning: "no command 'laod'")
        try expectFailure(["help", "kge", "trian"], mentioning: "no command 'trian'")
        let known = try CoAttCommand.run(["help", "kge", "train"])
        XCTAssertEqual(known.status, 0, known.stderr)
        XCTAssertTrue(known.stdout.contains("USAGE: coatt kge train"), known.stdout)
    }

    func testArgumentsThatAreNotUTF8AreRefused() throws {
        try CoAttCommand.requireBinary()
        // Foundation's Process takes Strings, so the bytes go through the shell.
        let run = try shell("\"$0\" query --store memory \"$(printf 'ASK { ?s ?p \"\\377\\376\" }')\"")
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("argument 4 is not valid UTF-8"), run.stderr)
    }

    /// A graph named on the command line must be an absolute IRI, and `--graph` cannot override
    /// the graphs an N-Quads or TriG file names.
    func testGraphArgumentsAreChecked() throws {
        try CoAttCommand.requireBinary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("s.store").path
        let ttl = folder.appendingPathComponent("t.ttl").path, nq = folder.appendingPathComponent("q.nq").path
        try Data("<http://e/a> <http://e/p> 1 .\n".utf8).write(to: URL(fileURLWithPath: ttl))
        try Data("<http://e/a> <http://e/p> 1 <http://e/g> .\n".utf8).write(to: URL(fileURLWithPath: nq))
        for bad in ["not an iri <>", "", "relative"] {
            try expectFailure(["load", "--store", store, "--graph", bad, ttl], mentioning: "absolute IRI")
            try expectFailure(["store", "dump", "--store", store, bad], mentioning: "absolute IRI")
            try expectFailure(["store", "drop", "--store", store, bad], mentioning: "absolute IRI")
        }
        try expectFailure(["load", "--store", store, "--graph", "http://e/x", nq], mentioning: "name their own graphs")
        try expectFailure(["kg", "import", "--store", store, "codex-s", "--graph-base", "relative"], mentioning: "is not an absolute IRI")
        try expectFailure(["kg", "import", "--store", store, "/nonexistent/codex-s"], mentioning: "no KG folder at /nonexistent/codex-s")
        let graphs = try CoAttCommand.run(["store", "graphs", "--store", store])
        XCTAssertEqual(graphs.status, 0, graphs.stderr)
        XCTAssertEqual(graphs.stdout, "", "nothing was loaded")
    }
}
