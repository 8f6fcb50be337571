using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Hardening;

public sealed class DataAtRestTests(TestApp app) : IClassFixture<TestApp>
{
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
    private const UnixFileMode Other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertPrivate(string folder)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Prepend(folder))
            Assert.True((File.GetUnixFileMode(path) & (Group | Other)) == 0, $"{path} is {File.GetUnixFileMode(path)}");
    }

    [Fact]
    public async Task DataFolder_DatabaseKeysAndReceipts_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Fee", "10", "2026-11-02");
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "app.db")));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(app.DataFolder, "keys")));
        AssertPrivate(app.DataFolder);
    }

    [Fact]
    public void ExistingFilesLeftReadable_AreMadePrivateAtStartUp()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(Path.GetTempPath(), "freelanceros-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "receipts", "old"));
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(folder, "receipts", "old", "r.pdf"), "%PDF-");
        File.SetUnixFileMode(Path.Combine(folder, "receipts", "old", "r.pdf"), (UnixFileMode)0b110_100_100);
        try
        {
            using var started = app.WithWebHostBuilder(b => b.UseSetting("Data:Folder", folder));
            started.CreateClient().Dispose();
            AssertPrivate(folder);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
