import XCTest
@testable import KGImport

final class ParsingTests: XCTestCase {
    func testPythonSets() throws {
        XCTAssertEqual(try PythonSetLiteral.parse("{'MusicalArtist'}"), ["MusicalArtist"])
        XCTAssertEqual(try PythonSetLiteral.parse("{'AdministrativeRegion', 'Location', 'Settlement'}"),
                       ["AdministrativeRegion", "Location", "Settlement"])
        XCTAssertEqual(try PythonSetLiteral.parse("set()"), [])
        XCTAssertEqual(try PythonSetLiteral.parse(" {} "), [])
        XCTAssertEqual(try PythonSetLiteral.parse(#"{"It's", 'a\'b', 'c\\d'}"#), ["It's", "a'b", #"c\d"#])
        XCTAssertEqual(try PythonSetLiteral.parse("{'http://dbpedia.org/ontology/Film', 'http://schema.org/Movie'}"),
                       ["http://dbpedia.org/ontology/Film", "http://schema.org/Movie"])
        XCTAssertEqual(try PythonSetLiteral.parse("{'a, b', 'Zürich'}"), ["a, b", "Zürich"])
        for bad in ["", "MusicalArtist", "{MusicalArtist}", "{'A' 'B'}", "{'A'", "['A']", "{'A}"] {
            XCTAssertThrowsError(try PythonSetLiteral.parse(bad), bad)
        }
    }

    func testCSVQuotedFieldsWithCommasAndNewlines() throws {
        let f = try Fixture()
        let lines = [
            "entity,classes\r",
            #""Mamak,_Ankara","{'AdministrativeRegion', 'Location'}"\#r"#,
            "plain,{'Band'}",
            "",
            #""say ""hi""","multi"#,
            #"line""#,
        ]
        let dir = try f.folder("csv", ["t.csv": lines.joined(separator: "\n")])
        var records: [([String], Int)] = []
        try CSVReader(path: dir.appendingPathComponent("t.csv").path).forEachRecord { records.append(($0, $1)) }
        XCTAssertEqual(records.map(\.0), [
            ["entity", "classes"],
            ["Mamak,_Ankara", "{'AdministrativeRegion', 'Location'}"],
            ["plain", "{'Band'}"],
            ["say \"hi\"", "multi\nline"],
        ])
        XCTAssertEqual(records.map(\.1), [1, 2, 3, 5])
    }

    func testCSVErrors() throws {
        let f = try Fixture()
        let dir = try f.folder("csv", [
            "stray.csv": "a,b\nx,y\nab\"c,d\n",
            "after.csv": "a,b\n\"x\"y,z\n",
            "open.csv": "a,b\nx,y\n\"never closed,z\nmore\n",
        ])
        for (file, line) in [("stray.csv", 3), ("after.csv", 2), ("open.csv", 3)] {
            assertMalformed(file, line: line) {
                try CSVReader(path: dir.appendingPathComponent(file).path).forEachRecord { _, _ in }
            }
        }
    }

    func testLineReaderChunkBoundariesBOMAndCRLF() throws {
        let f = try Fixture()
        var text = "\u{FEFF}"
        for i in 0..<1000 { text += "line\(i)\t\(String(repeating: "x", count: i % 37))\r\n" }
        text += "last"
        let dir = try f.folder("lines", ["a.txt": text])
        var reader = LineReader(path: dir.appendingPathComponent("a.txt").path)
        reader.chunkSize = 7  // forces lines across chunks and buffer growth
        var lines: [String] = []
        var numbers: [Int] = []
        try reader.forEachLine { bytes, n in
            lines.append(String(decoding: bytes, as: UTF8.self)); numbers.append(n)
        }
        XCTAssertEqual(lines.count, 1001)
        XCTAssertEqual(lines[0], "line0\t")
        XCTAssertEqual(lines[36], "line36\t" + String(repeating: "x", count: 36))
        XCTAssertEqual(lines.last, "last")
        XCTAssertEqual(numbers, Array(1...1001))
    }

    func testJSONScanner() throws {
        let f = try Fixture()
        let dir = try f.folder("json", ["a.json": #"""
            {"Q1": ["Q2", "Q3"], "skip": {"x": [1, 2.5e3, true, null, {"y": "}"}]},
             "P31": {"label": "instance \"of\"", "description": "caf\u00e9 \ud83d\ude00", "n": 3}}
            """#, "bad.json": "{\"Q1\": [\"Q2\"],\n \"Q3\": [\"Q4\" \"Q5\"]}"])
        var scanner = try JSONScanner(path: dir.appendingPathComponent("a.json").path)
        var arrays: [String: [String]] = [:]
        var objects: [String: [String: String]] = [:]
        try scanner.forEachMember { key, value in
            switch key {
            case "Q1": arrays[key] = try value.readStringArray()
            case "P31": objects[key] = try value.readStringMembers()
            default: try value.skipValue()
            }
        }
        XCTAssertEqual(arrays, ["Q1": ["Q2", "Q3"]])
        XCTAssertEqual(objects, ["P31": ["label": "instance \"of\"", "description": "café 😀"]])

        var bad = try JSONScanner(path: dir.appendingPathComponent("bad.json").path)
        assertMalformed("bad.json", line: 2) { try bad.forEachMember { _, v in _ = try v.readStringArray() } }
    }
}
