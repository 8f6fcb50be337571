using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP, on a fresh SQLite database file of its own (one per test class through
/// IClassFixture), with a fake clock. Registration is open so a test can make several accounts;
/// <see cref="ClosedRegistrationApp"/> keeps the production default.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "freelanceros-tests", Guid.NewGuid().ToString("N"));

    public FakeClock Clock { get; } = new();

    protected virtual bool RegistrationOpen => true;

    /// <summary>Serilog's level (it replaces the logging filters below): quiet unless a test reads the log.</summary>
    protected virtual string LogLevel => "Warning";

    public string DataFolder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "app.db")};Pooling=False");
        builder.UseSetting("Data:Folder", _folder);
        builder.UseSetting("Registration:Open", RegistrationOpen ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", LogLevel);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // The contexts are pooled, and EF asks a context's diagnostic listeners whether they listen at most once a
            // second: a SqlCounter subscribed just now must hear the next request's statements.
            services.ConfigureDbContext<SqliteAppDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
            services.ConfigureDbContext<PostgresAppDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests assert on them).</summary>
    public AppClient NewClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A new account, registered through the real form and signed in.</summary>
    public async Task<AppClient> SignedInClientAsync(string? email = null)
    {
        var client = NewClient();
        await client.RegisterAsync(email ?? $"user-{Guid.NewGuid():N}@example.com");
        return client;
    }

    /// <summary>Runs code against the database as the given user (or as nobody, for raw checks).</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work, string? actAsUserId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(actAsUserId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class ClosedRegistrationApp : TestApp
{
    protected override bool RegistrationOpen => false;
}
