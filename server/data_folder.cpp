// create_data_folder: mkdir, then fsync of the new folder and of its parent, level by level.
#include "data_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace spoc {
namespace {

// "cannot create the data folder data/db: fsync data: Input/output error"
std::runtime_error failure(const std::filesystem::path& folder, const std::string& what) {
    return std::runtime_error("cannot create the data folder " + folder.string() + ": " + what);
}

std::runtime_error failure(const std::filesystem::path& folder, const std::string& call,
                           const std::filesystem::path& path, int err) {
    return failure(folder, call + " " + path.string() + ": " + std::strerror(err));
}

void fsync_folder(const std::filesystem::path& folder, const std::filesystem::path& path) {
    int fd;
    do fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) throw failure(folder, "open", path, errno);
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        throw failure(folder, "fsync", path, err);
    }
    if (::close(fd) != 0 && errno != EINTR) throw failure(folder, "close", path, errno);
}

bool is_folder(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

void create_data_folder(const std::filesystem::path& folder) {
    std::filesystem::path level;
    for (const auto& part : folder) {
        if (part.empty()) continue;  // "a/b/" ends with an empty element
        const std::filesystem::path parent = level.empty() ? std::filesystem::path(".") : level;
        level /= part;
        if (part == level.root_path() || part == "." || part == "..") continue;  // "/", "." and ".." exist
        if (::mkdir(level.c_str(), 0777) != 0) {
            const int err = errno;
            if (err == EEXIST && is_folder(level)) continue;  // there already (or made by someone else meanwhile)
            if (err == EEXIST) throw failure(folder, level.string() + " exists and is not a folder");
            throw failure(folder, "mkdir", level, err);
        }
        fsync_folder(folder, level);   // the new folder's own entries (. and ..)
        fsync_folder(folder, parent);  // its name in the parent: without this a power cut can lose the folder
    }
}

}  // namespace spoc
