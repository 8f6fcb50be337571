using System.Globalization;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The app's own ef_sum (Infrastructure/SqliteDecimalSum.cs), which replaces EF's on every SQLite connection:
/// exact decimal sums of text, integers and nulls, NULL for no rows, and an error (not a crash) past the decimal range.
/// </summary>
public sealed class SqliteDecimalSumTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The sum of a JSON array's items: strings arrive as text (as EF stores decimals), numbers as integers, null as NULL.</summary>
    private Task<string?> SumAsync(string jsonArray) => app.WithDbAsync(db => db.Database
        .SqlQuery<string?>($"SELECT ef_sum(value) AS Value FROM json_each({jsonArray})").SingleAsync());

    [Fact]
    public async Task SumsDecimalText_Exactly_SkippingNulls_WithIntegers()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point: the sum must stay decimal.
        Assert.Equal("0.3", await SumAsync("""["0.1", "0.2"]"""));
        Assert.Equal("2.25", await SumAsync("""["0.1", "0.2", null, 3, "-1.05"]"""));
        Assert.Equal("0.01", await SumAsync("""["1E-2"]"""));
        Assert.Equal("-12345678901234.5678", await SumAsync("""["-12345678901234.5678", 0]"""));
    }

    [Fact]
    public async Task ManyRows_SumExactly()
    {
        var sum = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) SELECT ef_sum('0.01') AS Value FROM n").SingleAsync());
        Assert.Equal(100m, decimal.Parse(sum, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task NoRows_OrOnlyNulls_IsNull_AsEfExpects()
    {
        Assert.Null(await SumAsync("[]"));
        Assert.Null(await SumAsync("[null, null]"));
    }

    [Fact]
    public async Task PastTheDecimalRange_IsTheStatementsError_NotACrash()
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => SumAsync("""["79000000000000000000000000000", "79000000000000000000000000000"]"""));
        Assert.Contains("out of the decimal range", error.Message);
        var notNumber = await Assert.ThrowsAsync<SqliteException>(() => SumAsync("""["12,50"]"""));
        Assert.Contains("not a decimal", notNumber.Message);
        // The connection is still good afterwards.
        Assert.Equal("1.5", await SumAsync("""["1.5"]"""));
    }
}
