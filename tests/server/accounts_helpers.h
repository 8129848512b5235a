// What the account tests share: the first admin made with --create-admin, and a server
// on a database that has one.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "server_process.h"

namespace spoc_test {

inline const std::string kAdminEmail = "admin@example.org";

// Runs `spoc-server --data DB --create-admin EMAIL`; REQUIREs exit 0 and the line
// "Password for EMAIL (shown only now): <password>", and returns the password.
std::string create_admin(const std::filesystem::path& db, const std::string& email);

// A server on a database that has an admin made by --create-admin before the server started.
struct Desk {
    explicit Desk(std::vector<std::string> extra_args = {});

    std::filesystem::path db() const { return folder.path() / "spoc.db"; }
    httplib::Client client() const { return server->client(); }

    TempFolder folder;
    std::string admin_password;
    std::unique_ptr<SpocServer> server;
};

}  // namespace spoc_test
