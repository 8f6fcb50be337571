using System.Globalization;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The app's own ef_multiply (Infrastructure/SqliteDecimalMultiply.cs), which replaces EF's on every SQLite
/// connection: the exact decimal product written as Microsoft.Data.Sqlite writes a decimal, NULL when an
/// argument is NULL, and an error (not a crash) for what is not a decimal or past the decimal range.
/// </summary>
public sealed class SqliteDecimalMultiplyTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>Strings arrive as text (as EF stores decimals), integers as integers, null as NULL.</summary>
    private Task<string?> MultiplyAsync(object? left, object? right) => app.WithDbAsync(db => db.Database
        .SqlQuery<string?>($"SELECT ef_multiply({left}, {right}) AS Value").SingleAsync());

    [Fact]
    public async Task MultipliesDecimalText_Exactly_AsEfWrites()
    {
        Assert.Equal("0.02", await MultiplyAsync("0.1", "0.2"));
        Assert.Equal("1250.0", await MultiplyAsync("12.5", "100"));
        Assert.Equal("-3.0", await MultiplyAsync("-1.5", 2));
        Assert.Equal("0.0", await MultiplyAsync("0.00", "7.25"));
        Assert.Equal("0.05", await MultiplyAsync("1E-2", "5"));
    }

    [Fact]
    public async Task Null_IsNull()
    {
        Assert.Null(await MultiplyAsync(null, "2.5"));
        Assert.Null(await MultiplyAsync("2.5", null));
    }

    [Fact]
    public async Task RandomProducts_EqualTheManagedDecimalProduct()
    {
        var random = new Random(16);
        var pairs = Enumerable.Range(0, 500).Select(_ => (
            Math.Round((decimal)random.NextDouble() * 100_000m - 50_000m, random.Next(0, 5)),
            Math.Round((decimal)random.NextDouble() * 1_000m, random.Next(0, 4)))).ToList();
        var json = "[" + string.Join(",", pairs.Select(p => string.Create(CultureInfo.InvariantCulture, $"[\"{p.Item1}\",\"{p.Item2}\"]"))) + "]";
        var products = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT ef_multiply(value ->> 0, value ->> 1) AS Value FROM json_each({0}) ORDER BY key", json).ToListAsync());
        Assert.Equal(pairs.Select(p => (p.Item1 * p.Item2).ToString("0.0###########################", CultureInfo.InvariantCulture)), products);
    }

    [Fact]
    public async Task NotADecimal_OrPastTheRange_IsTheStatementsError_NotACrash()
    {
        var notNumber = await Assert.ThrowsAsync<SqliteException>(() => MultiplyAsync("abc", "2"));
        Assert.Contains("not a decimal", notNumber.Message);
        var overflow = await Assert.ThrowsAsync<SqliteException>(() => MultiplyAsync("79000000000000000000000000000", "10"));
        Assert.Contains("out of the decimal range", overflow.Message);
        Assert.Equal("3.0", await MultiplyAsync("1.5", "2"));
    }
}
