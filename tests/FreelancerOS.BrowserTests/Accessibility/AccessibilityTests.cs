using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Accessibility;

[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task CorePages_HaveNoSeriousAxeViolations()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        var problems = (await Axe.SeriousViolationsAsync(page)).Select(v => "/account/login " + v).ToList();

        await session.RegisterAsync();
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", "Accessible Ltd");
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");

        foreach (var url in new[] { "/", "/clients", "/clients/list", "/clients/create", page.Url, "/settings", "/account/changepassword", "/projects", "/projects/list", "/projects/create", "/services", "/services/create", "/time", "/ledger", "/ledger/create", "/ledger/summary", "/ledger/balances", "/ledger/lists", "/ledger/import", "/reports", "/invoices", "/invoices/list", "/invoices/create" })
        {
            await page.GotoAsync(url);
            problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
