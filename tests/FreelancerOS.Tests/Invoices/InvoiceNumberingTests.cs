using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoiceNumberingTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Issue_TwentyAtOnce_GivesTwentyDistinctConsecutiveNumbers()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Concurrent Ltd");
        var ids = new List<int>();
        for (var k = 0; k < 20; k++) ids.Add(await CreateDraftAsync(client, clientId, ($"Work {k}", "1", "100")));
        var page = await client.GetPageAsync($"/invoices/details/{ids[0]}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Twenty requests in flight together, each on its own connection to the app.
        var responses = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
            await client.Http.PostAsync($"/invoices/issue/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var issued = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Status, i.Number, i.NumberSequence }).ToListAsync());
        Assert.All(issued, i => Assert.Equal(InvoiceStatus.Sent, i.Status));
        Assert.Equal(Enumerable.Range(1, 20), issued.Select(i => i.NumberSequence!.Value).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"INV-2026-{n:0000}"), issued.Select(i => i.Number!).Order());
    }

    [Fact]
    public async Task Issue_SameDraftTwiceAtOnce_OneNumberIsUsed_AndNoGap()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Double Click Ltd");
        var id = await CreateDraftAsync(client, clientId);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
            await client.Http.PostAsync($"/invoices/issue/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])))));

        var next = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, next);
        var numbers = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id || i.Id == next)
            .OrderBy(i => i.Id).Select(i => i.Number).ToListAsync());
        Assert.Equal(["INV-2026-0001", "INV-2026-0002"], numbers);
        var history = await app.WithDbAsync(db => db.InvoiceStatusChanges.CountAsync(h => h.InvoiceId == id && h.To == InvoiceStatus.Sent));
        Assert.Equal(1, history);
    }

    [Fact]
    public async Task Numbers_ArePerAccount_FollowTheSettingsFormat_AndRestartEachYear()
    {
        var first = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        var a = await CreateClientAsync(first, "First Co");
        var b = await CreateClientAsync(second, "Second Co");

        var settings = await first.GetPageAsync("/settings");
        var saved = await first.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string>
        {
            ["InvoicePrefix"] = "FAC-", ["InvoiceNumberDigits"] = "3",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var a1 = await CreateDraftAsync(first, a);
        await IssueAsync(first, a1);
        var b1 = await CreateDraftAsync(second, b);
        await IssueAsync(second, b1);
        var a2 = AppClient.IdFromRedirect(await PostDraftAsync(first, a, [("Next year", "1", "50")], issueDate: "2027-01-03"));
        await IssueAsync(first, a2);

        var numbers = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == a1 || i.Id == b1 || i.Id == a2)
            .OrderBy(i => i.Id).Select(i => i.Number).ToListAsync());
        Assert.Equal(["FAC-2026-001", "INV-2026-0001", "FAC-2027-001"], numbers);
    }
}
