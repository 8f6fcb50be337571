using System.Diagnostics;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The compose files people run on their servers, checked by Debian's docker-compose (./test.sh
/// installs it); there is no Docker engine here, so they are validated, not started.
/// </summary>
public sealed class DockerComposeTests
{
    [Theory]
    [InlineData("docker-compose.yml", "Postgres")]
    [InlineData("docker-compose.sqlserver.yml", "SqlServer")]
    public async Task ComposeFile_IsValid_AndRunsTheAppOnItsDatabase(string file, string provider)
    {
        var root = RepositoryRoot();
        var (exit, _, errors) = await RunAsync(root, "-f", file, "config", "-q");
        Assert.True(exit == 0, $"docker-compose config -q on {file} failed: {errors}");

        var (_, config, _) = await RunAsync(root, "-f", file, "config");
        Assert.Contains($"Database__Provider: {provider}", config);
        var (_, services, _) = await RunAsync(root, "-f", file, "config", "--services");
        Assert.Equal(["app", "db"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FreelancerOS.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("FreelancerOS.sln not found above the test output folder.");
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
