// Ledger benchmark: 50,000 ledger entries in one account on SQLite, then the time per request of the
// ledger pages and the dashboard relative to an empty page of the app in the same run, and the SQL
// commands each request sends. Not part of ./test.sh:
//   dotnet run -c Release --project bench/FreelancerOS.Bench [-- --entries 50000 --iterations 200]
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FreelancerOS.Bench;

public static class LedgerBench
{
    public static async Task<int> Main()
    {
        var entries = ArgValue("--entries", 50_000);
        var iterations = ArgValue("--iterations", 200);
        var folder = Path.Combine(Path.GetTempPath(), "freelanceros-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        await using var factory = new BenchApp(folder);
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await RegisterAsync(http, "bench@example.com");
        var userId = await WithDbAsync(factory, null, db => db.Users.Where(u => u.Email == "bench@example.com").Select(u => u.Id).SingleAsync());

        var seedWatch = Stopwatch.StartNew();
        await SeedAsync(factory, userId, entries);
        Console.WriteLine($"Seeded {entries:N0} ledger entries in {seedWatch.Elapsed.TotalSeconds:F1} s (SQLite, {folder}).");

        var pages = new (string Name, string Url)[]
        {
            ("empty page (sign-in /account/login)", "/account/login"),
            ("dashboard /", "/"),
            ("ledger, this month", "/ledger"),
            ("ledger, this year", "/ledger?period=year"),
            ("ledger, all time (50,000 rows)", "/ledger?period=all"),
            ("ledger, all time, page 500", "/ledger?period=all&page=500"),
            ("ledger, this year, text search", "/ledger?period=year&q=hotel"),
            ("month summary + 12-month chart", "/ledger/summary"),
            ("balances per payment mode", "/ledger/balances"),
            ("workflow grid, first page (client incomes)", "/workflow"),
            ("workflow grid, unlinked only", "/workflow?unlinked=true"),
        };

        var commands = new SqlCommandCounter();
        using var subscription = System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(commands);
        var results = new List<(string Name, double Median, double Mean, double Queries)>();
        foreach (var (name, url) in pages)
        {
            for (var i = 0; i < 20; i++) await GetAsync(http, url); // warm up
            var times = new double[iterations];
            commands.Reset();
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                await GetAsync(http, url);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            results.Add((name, times[iterations / 2], times.Average(), commands.Count / (double)iterations));
        }

        if (Environment.GetCommandLineArgs().Contains("--sql"))
        {
            foreach (var (name, url) in pages)
            {
                commands.Log = [];
                var sw = Stopwatch.StartNew();
                await GetAsync(http, url);
                Console.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds:F2} ms");
                foreach (var line in commands.Log) Console.WriteLine(line);
            }
            commands.Log = null;
        }

        var baseline = results[0].Median;
        Console.WriteLine();
        Console.WriteLine($"{"request",-36} {"median ms",10} {"mean ms",9} {"x empty",8} {"SQL/req",8}");
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-36} {r.Median,10:F2} {r.Mean,9:F2} {r.Median / baseline,8:F1} {r.Queries,8:F1}");

        // The storage choice, measured on the same data: totals over integer minor units and the stored
        // yyyymm period, against the same totals over the decimal amount and date parts.
        Console.WriteLine();
        Console.WriteLine("Storage comparison (EF Core queries, median of 30, ms):");
        var year = new DateOnly(DateTime.UtcNow.Year, 1, 1);
        await CompareAsync("sum of a year, integer minor units", db => db.LedgerEntries.Where(e => e.Date >= year).SumAsync(e => e.HomeAmountMinor));
        await CompareAsync("sum of a year, decimal amount", db => db.LedgerEntries.Where(e => e.Date >= year).SumAsync(e => e.Amount));
        var first = LedgerEntry.PeriodOf(year.AddMonths(-11));
        await CompareAsync("12 months grouped on stored period, integer", db => db.LedgerEntries.Where(e => e.Period >= first)
            .GroupBy(e => new { e.Period, e.Kind }).Select(g => g.Sum(e => e.HomeAmountMinor)).ToListAsync());
        var from = year.AddMonths(-11);
        await CompareAsync("12 months grouped on Date.Year/Month, decimal", db => db.LedgerEntries.Where(e => e.Date >= from)
            .GroupBy(e => new { e.Date.Year, e.Date.Month, e.Kind }).Select(g => g.Sum(e => e.Amount)).ToListAsync());
        await CompareAsync("all-time balances, integer (covering index)", db => db.LedgerEntries.GroupBy(e => new { e.PaymentModeId, e.Kind }).Select(g => g.Sum(e => e.HomeAmountMinor)).ToListAsync());
        await CompareAsync("all-time balances, decimal", db => db.LedgerEntries.GroupBy(e => new { e.PaymentModeId, e.Kind }).Select(g => g.Sum(e => e.Amount)).ToListAsync());

        if (Environment.GetCommandLineArgs().Contains("--keep")) Console.WriteLine("Kept " + folder);
        else try { Directory.Delete(folder, true); } catch (IOException) { }
        return 0;

        async Task CompareAsync<T>(string name, Func<AppDbContext, Task<T>> query)
        {
            var times = new List<double>();
            for (var i = 0; i < 35; i++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var sw = Stopwatch.StartNew();
                await query(db);
                if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {name,-48} {times[times.Count / 2],8:F2}");
        }

        static async Task GetAsync(HttpClient http, string url)
        {
            using var response = await http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {response.StatusCode}");
            await response.Content.ReadAsByteArrayAsync();
        }

        static async Task RegisterAsync(HttpClient http, string email)
        {
            var html = await http.GetStringAsync("/account/register");
            var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await http.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = "Bench-password-42",
                ["ConfirmPassword"] = "Bench-password-42", ["HomeCurrency"] = "EUR",
            }));
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("Registration failed: " + response.StatusCode);
        }

        static async Task<T> WithDbAsync<T>(WebApplicationFactory<Program> app, string? userId, Func<AppDbContext, Task<T>> work)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        /// <summary>About ten years of entries ending today: a third incomes, some foreign, a few not yet received.</summary>
        static async Task SeedAsync(WebApplicationFactory<Program> app, string userId, int count)
        {
            var (categories, modes) = await WithDbAsync(app, userId, async db =>
                (await db.LedgerCategories.Select(c => new { c.Id, c.Kind }).ToListAsync(), await db.PaymentModes.Select(m => m.Id).ToListAsync()));
            var random = new Random(42);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            string[] words = ["Hotel", "Train", "Software", "Client fee", "Workshop", "Lunch", "Hosting", "Consulting", "Books", "Taxi"];
            for (var done = 0; done < count; done += 5000)
            {
                await WithDbAsync(app, userId, async db =>
                {
                    for (var i = done; i < Math.Min(count, done + 5000); i++)
                    {
                        var income = random.Next(3) == 0;
                        LedgerEntry e = income ? new Income() : new Expense { Vendor = "Vendor " + random.Next(200) };
                        var date = today.AddDays(-random.Next(3650));
                        var foreign = random.Next(10) == 0;
                        e.Record(date, random.Next(100, 500_000) / 100m, foreign ? "USD" : "EUR", foreign ? 0.9123m : null, "EUR");
                        e.Description = $"{words[random.Next(words.Length)]} {i}";
                        var kind = income ? LedgerKind.Income : LedgerKind.Expense;
                        var options = categories.Where(c => c.Kind == kind).ToList();
                        e.CategoryId = options[random.Next(options.Count)].Id;
                        e.PaymentModeId = random.Next(20) == 0 ? null : modes[random.Next(modes.Count)];
                        e.CreatedAt = DateTimeOffset.UtcNow;
                        db.LedgerEntries.Add(e);
                    }
                    return await db.SaveChangesAsync();
                });
            }
        }

        static int ArgValue(string name, int fallback)
        {
            var args = Environment.GetCommandLineArgs();
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
        }
    }
}

sealed class BenchApp(string folder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(folder, "bench.db")}");
        builder.UseSetting("Data:Folder", folder);
        builder.UseSetting("Registration:Open", "true");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "FreelancerOS.Web");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/FreelancerOS.Web not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Counts the SQL commands EF Core executes, from its diagnostic events.</summary>
sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") listener.Subscribe(this);
    }

    /// <summary>When set, each command's text and duration are kept (the --sql option).</summary>
    public List<string>? Log { get; set; }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted") return;
        Interlocked.Increment(ref _count);
        if (Log is not null && e.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data)
            lock (Log) Log.Add($"    {data.Duration.TotalMilliseconds,7:F2} ms  {data.Command.CommandText.ReplaceLineEndings(" ")}");
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
