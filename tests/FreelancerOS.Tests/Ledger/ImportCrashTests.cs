using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>The app as a real process (the built FreelancerOS.Web.dll on 127.0.0.1, a temp data folder), killed during an import.</summary>
public sealed class ImportCrashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "freelanceros-crash", Guid.NewGuid().ToString("N"));

    private sealed class AppProcess(Process process, Uri address) : IDisposable
    {
        public Process Process { get; } = process;
        public Uri Address { get; } = address;

        public AppClient NewClient(CookieContainer jar) =>
            new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar, UseCookies = true }) { BaseAddress = Address });

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    private static string WebDll()
    {
        // The web project's own build output, in the configuration these tests were built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FreelancerOS.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var dll = Path.Combine(dir.FullName, "src", "FreelancerOS.Web", "bin", configuration, "net10.0", "FreelancerOS.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built.");
        return dll;
    }

    private async Task<AppProcess> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var dll = WebDll();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = "";
        start.Environment["Data__Folder"] = _folder;
        start.Environment["Registration__Open"] = "true";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probeClient = new HttpClient { BaseAddress = app.Address };
        for (var i = 0; i < 600; i++)
        {
            Assert.False(process.HasExited, "The app exited at start-up.");
            try
            {
                if ((await probeClient.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        app.Dispose();
        throw new TimeoutException("The app did not answer /healthz.");
    }

    [Fact]
    public async Task KillingTheApp_DuringAnImport_LeavesNoRowOfIt_AndTheNextStartReportsItFailed()
    {
        string status;
        var jar = new CookieContainer();
        const string email = "crash@example.com";
        using (var first = await StartAsync())
        {
            var client = first.NewClient(jar);
            await client.RegisterAsync(email);
            // Large enough that its one transaction is still open when the process is killed.
            const int rows = 150_000;
            var csv = new StringBuilder("Date,Description,Amount\n");
            for (var i = 1; i <= rows; i++)
                csv.Append(new DateOnly(2024, 1, 1).AddDays(i % 700).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append(",Crash row ").Append(i).Append(',').Append(i % 2 == 0 ? "" : "-").Append(i).Append(".10\n");
            var page = await client.GetPageAsync("/ledger/import");
            var upload = await client.Http.PostAsync("/ledger/import", new MultipartFormDataContent
            {
                { new StringContent(page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "huge.csv" },
            });
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            var preview = await AppClient.ParseAsync(await client.SubmitAsync(await AppClient.ParseAsync(upload), "#import-map"));
            Assert.Equal("0", Text(preview, "[data-role=errors]"));
            var run = await client.SubmitAsync(preview, "#import-run");
            Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
            status = run.Headers.Location!.OriginalString;

            var running = false;
            for (var i = 0; i < 300 && !running; i++)
            {
                var progress = (await client.GetPageAsync(status)).QuerySelector("#import-progress")!;
                Assert.Equal("running", progress.GetAttribute("data-state"));
                running = progress.GetAttribute("data-status") == "Running";
                if (!running) await Task.Delay(100);
            }
            Assert.True(running, "The import never started.");
            await Task.Delay(1500); // into the writes
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync();
        }

        using var second = await StartAsync();
        var again = second.NewClient(jar);
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(email)).StatusCode);
        var after = await again.GetPageAsync(status);
        Assert.Equal("failed", after.QuerySelector("#import-progress")!.GetAttribute("data-state"));
        Assert.Contains("nothing of it was imported", Text(after, "#import-progress"));
        var ledger = await again.GetPageAsync("/ledger?period=all");
        Assert.Equal("0", Text(ledger, "[data-role=total-count]"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
