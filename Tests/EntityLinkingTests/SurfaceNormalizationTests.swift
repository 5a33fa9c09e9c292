import EntityLinking
import XCTest

final class SurfaceNormalizationTests: XCTestCase {
    func testFoldsAccentsAndCase() {
        XCTAssertEqual(SurfaceNormalization.normalize("José MOURINHO"), "jose mourinho")
        XCTAssertEqual(SurfaceNormalization.normalize("Beyonce\u{301}"), "beyonce")   // combining accent
        XCTAssertEqual(SurfaceNormalization.normalize("  Île-de-France "), "ile de france")
    }

    func testSplitsHashtagsAndUserNamesAtTheirWordBoundaries() {
        XCTAssertEqual(SurfaceNormalization.normalize("#JoseMourinho"), "jose mourinho")
        XCTAssertEqual(SurfaceNormalization.normalize("@ESPN"), "espn")
        XCTAssertEqual(SurfaceNormalization.normalize("#NYCMarathon"), "nyc marathon")
        XCTAssertEqual(SurfaceNormalization.normalize("@real_madrid"), "real madrid")
        XCTAssertEqual(SurfaceNormalization.normalize("#Euro2016"), "euro 2016")
        XCTAssertEqual(SurfaceNormalization.normalize("#ÉdithPiaf"), "edith piaf")
        // The dataset's tokens give a hashtag's body without its `#`; labels are split alike.
        XCTAssertEqual(SurfaceNormalization.normalize("BritneyLiveInConcert"), "britney live in concert")
        XCTAssertEqual(SurfaceNormalization.normalize("LeBron James"), SurfaceNormalization.normalize("#LeBronJames"))
    }

    func testDeletesApostrophesAndDotsAndSpacesOtherPunctuation() {
        XCTAssertEqual(SurfaceNormalization.normalize("Macy's"), "macys")
        XCTAssertEqual(SurfaceNormalization.normalize("U.S."), "us")
        XCTAssertEqual(SurfaceNormalization.normalize("Princeton, New Jersey"), "princeton new jersey")
        XCTAssertEqual(SurfaceNormalization.normalize("#"), "")
    }
}
