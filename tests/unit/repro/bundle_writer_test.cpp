#include "harness/repro/bundle_writer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(BundleWriter, WritesEveryFileIntoANewFolder) {
    const fs::path dir = fs::path(::testing::TempDir()) / "bundle-new";
    fs::remove_all(dir);
    harness::repro::write_bundle(dir, {{"a.txt", "one"}, {"b.json", "{}"}});
    EXPECT_EQ(read(dir / "a.txt"), "one");
    EXPECT_EQ(read(dir / "b.json"), "{}");
    fs::remove_all(dir);
    fs::create_directories(dir); // an empty folder is fine too
    harness::repro::write_bundle(dir, {{"a.txt", "two"}});
    EXPECT_EQ(read(dir / "a.txt"), "two");
}

TEST(BundleWriter, RefusesAFolderWithFilesAndLeavesItAlone) {
    const fs::path dir = fs::path(::testing::TempDir()) / "bundle-used";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "keep.txt") << "mine";
    EXPECT_THROW(harness::repro::write_bundle(dir, {{"a.txt", "x"}}), std::runtime_error);
    EXPECT_EQ(read(dir / "keep.txt"), "mine");
    EXPECT_FALSE(fs::exists(dir / "a.txt"));
}

TEST(BundleWriter, AFailedWriteLeavesNothingBehind) {
    const fs::path dir = fs::path(::testing::TempDir()) / "bundle-failing";
    fs::remove_all(dir);
    // A file name with a folder that does not exist cannot be written.
    EXPECT_THROW(harness::repro::write_bundle(dir, {{"a.txt", "x"}, {"missing/b.txt", "y"}}),
                 std::runtime_error);
    EXPECT_FALSE(fs::exists(dir));
    for (const auto& entry : fs::directory_iterator(::testing::TempDir())) {
        EXPECT_EQ(entry.path().filename().string().find("bundle-failing.partial"), std::string::npos);
    }
}

} // namespace
