import Foundation

// Writes the hostile inputs of Tests/CLITests/HostileInputs.swift into the folder given and lists
// them on standard output, one per line: name, input path, expected outcome ("error" or "result"),
// then any options for `okrsheet table`, separated by tabs. Used by fuzz/hostile-limits.
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: hostile-cases FOLDER\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: CommandLine.arguments[1])
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
for input in HostileInput.all {
    let path = try input.make(in: folder).path
    let outcome: String
    switch input.outcome {
    case .error: outcome = "error"
    case .result: outcome = "result"
    }
    print(([input.name + "." + input.pathExtension, path, outcome] + input.options).joined(separator: "\t"))
}
