using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Ledger;

internal static class LedgerTestHelpers
{
    /// <summary>Creates an entry through the real form; returns the response (a redirect when it was saved).</summary>
    public static async Task<HttpResponseMessage> PostEntryAsync(AppClient client, string kind, Dictionary<string, string> values)
    {
        var form = await client.GetPageAsync($"/ledger/create?kind={kind}");
        return await client.SubmitAsync(form, "#entry-form", values);
    }

    public static async Task<int> CreateEntryAsync(TestApp app, AppClient client, string kind, string description, string amount,
        string date = "2026-11-10", string? currency = null, string? rate = null, string? mode = null, string? category = null)
    {
        var values = new Dictionary<string, string> { ["Description"] = description, ["Amount"] = amount, ["Date"] = date };
        if (currency is not null) values["Currency"] = currency;
        if (rate is not null) values["ExchangeRate"] = rate;
        var page = await client.GetPageAsync($"/ledger/create?kind={kind}");
        if (mode is not null) values["PaymentModeId"] = OptionValue(page, "PaymentModeId", mode);
        if (category is not null) values["CategoryId"] = OptionValue(page, "CategoryId", category);
        var response = await client.SubmitAsync(page, "#entry-form", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var userId = await UserIdAsync(app, client);
        return await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Description == description).OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync(), userId);
    }

    public static string OptionValue(IDocument page, string selectName, string text) =>
        page.QuerySelectorAll($"select[name='{selectName}'] option").First(o => o.TextContent.Trim() == text).GetAttribute("value")!;

    public static Task<string> UserIdAsync(TestApp app, AppClient client) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == client.Email).Select(u => u.Id).SingleAsync());

    public static string Text(IDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No '{selector}' on {page.Url}");
}
