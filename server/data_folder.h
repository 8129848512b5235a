// The folder that holds the database, created so that it survives a power cut: a new
// folder's name lives in its parent folder, which must be fsynced like a file's data.
#pragma once
#include <filesystem>

namespace spoc {

// Creates each missing level of `folder` from the top down; for each level it creates,
// fsyncs the new folder and then its parent, so the new entry is on disk before the
// database is made inside it. Levels that already exist are left alone. Throws
// std::runtime_error naming the path and the cause (a file in the way, no permission,
// a failed fsync).
void create_data_folder(const std::filesystem::path& folder);

}  // namespace spoc
