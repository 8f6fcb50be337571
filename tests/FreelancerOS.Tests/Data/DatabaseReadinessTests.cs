using System.Xml.Linq;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The server listens while the database is made ready at start-up: what needs the database waits for it, and a failed
/// preparation still fails the start with its own error. (Every other test's app is the whole start-up: its host reports
/// itself started only once the database is ready.)
/// </summary>
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task ARequestBeforeTheDatabaseIsReady_WaitsForIt_AndIsThenServed()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<DatabaseReadiness>();
        await using var app = builder.Build();
        app.UseDatabaseReadiness();
        app.MapGet("/", () => "served");
        await app.StartAsync();

        var preparation = new TaskCompletionSource();
        app.Services.GetRequiredService<DatabaseReadiness>().Follow(preparation.Task);
        var request = app.GetTestClient().GetStringAsync("/");
        await Task.Delay(200);
        Assert.False(request.IsCompleted);

        preparation.SetResult();
        Assert.Equal("served", await request.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AFailedPreparation_FailsTheHostsStart_WithItsOwnError()
    {
        var readiness = new DatabaseReadiness();
        readiness.Follow(Task.FromException(new InvalidOperationException("A migration failed.")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => readiness.StartAsync(CancellationToken.None));
        Assert.Equal("A migration failed.", error.Message);
    }

    [Fact]
    public async Task KeysKeptInTheDatabase_AreReadAndWrittenOnlyOnceItIsReady()
    {
        var readiness = new DatabaseReadiness();
        var stored = new CountingKeys();
        var keys = readiness.Guard(stored);
        Assert.Same(keys, readiness.Guard(keys));

        var read = Task.Run(keys.GetAllElements);
        var write = Task.Run(() => keys.StoreElement(new XElement("key"), "first"));
        await Task.Delay(200);
        Assert.False(read.IsCompleted || write.IsCompleted);
        Assert.Equal((0, 0), (stored.Reads, stored.Writes));

        readiness.Follow(Task.CompletedTask);
        await Task.WhenAll(read, write).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((1, 1), (stored.Reads, stored.Writes));
    }

    private sealed class CountingKeys : IXmlRepository
    {
        public int Reads, Writes;

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            Interlocked.Increment(ref Reads);
            return [];
        }

        public void StoreElement(XElement element, string friendlyName) => Interlocked.Increment(ref Writes);
    }
}
