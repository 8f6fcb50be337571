using System.Runtime.InteropServices;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// The data folder holds the database, receipts, logs and the keys that sign cookies: on Linux and macOS
/// it is readable by its owner only. The process umask becomes 077 so that everything created later
/// (the SQLite database and its -wal and -shm files, logs, keys, receipts; creating an empty database
/// file beforehand would not do: EF opens an existing file read-only to check it, and WAL cannot be set on it) is private too, and what an older version left
/// readable is tightened at start-up (0700 folders, 0600 files).
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);

    public static void Secure(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        SetUmask(0b000_111_111);
        Directory.CreateDirectory(folder, FolderMode);
        File.SetUnixFileMode(folder, FolderMode);
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null) continue;
            var mode = entry is DirectoryInfo ? FolderMode : PrivateFileMode;
            if ((entry.UnixFileMode & ~mode) != 0) entry.UnixFileMode &= mode;
        }
    }
}
