using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Clients;

/// <summary>A client's currency once money was counted in it, and amounts checked against their currency's decimals.</summary>
public sealed class ClientCurrencyTests(TestApp app) : IClassFixture<TestApp>
{
    private static Task<HttpResponseMessage> EditAsync(AppClient client, AngleSharp.Dom.IDocument page, int id, Dictionary<string, string> values) =>
        client.SubmitAsync(page, $"form[action='/clients/edit/{id}']", values);

    [Fact]
    public async Task Currency_ChangesFreelyUntilTheClientHasPricedWork_ThenIsFixedWithTheReason()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Switcher Ltd", rate: "80");

        var page = await client.GetPageAsync($"/clients/edit/{clientId}");
        Assert.False(page.QuerySelector("#Currency")!.HasAttribute("readonly"));
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(client, page, clientId, new() { ["Currency"] = "USD" })).StatusCode);

        var project = await Work.ProjectAsync(client, clientId, "Priced");
        await Work.LogAsync(client, project, "2", "2026-11-10");

        page = await client.GetPageAsync($"/clients/edit/{clientId}");
        Assert.True(page.QuerySelector("#Currency")!.HasAttribute("readonly"));
        Assert.Contains("The currency is fixed", page.QuerySelector("[data-role=currency-fixed]")!.TextContent);

        // A forged post (the read-only field changed by hand) is refused beside the field; nothing is saved.
        var forged = await EditAsync(client, page, clientId, new() { ["Currency"] = "GBP", ["Name"] = "Renamed Ltd" });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("The currency stays USD", AppClient.FieldError(await AppClient.ParseAsync(forged), "Currency"));
        var stored = await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId).Select(c => new { c.Currency, c.Name }).SingleAsync());
        Assert.Equal(("USD", "Switcher Ltd"), (stored.Currency, stored.Name));

        // Other changes still save.
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(client, page, clientId, new() { ["Name"] = "Renamed Ltd" })).StatusCode);
    }

    [Fact]
    public async Task Currency_IsFixedOnceTheClientHasAnInvoice()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Invoiced Ltd");
        await FreelancerOS.Tests.Invoices.InvoiceSteps.CreateDraftAsync(client, clientId);
        var page = await client.GetPageAsync($"/clients/edit/{clientId}");
        Assert.Contains("it has invoices", page.QuerySelector("[data-role=currency-fixed]")!.TextContent);
        var forged = await EditAsync(client, page, clientId, new() { ["Currency"] = "CHF" });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("EUR", await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId).Select(c => c.Currency).SingleAsync()));
    }

    [Fact]
    public async Task Amounts_FollowTheirCurrencysDecimals_OnClientProjectAndServiceForms()
    {
        var client = await app.SignedInClientAsync();
        var form = await client.GetPageAsync("/clients/create");
        var yen = await client.SubmitAsync(form, "form[action='/clients/create']",
            new Dictionary<string, string> { ["Name"] = "Tokyo KK", ["Currency"] = "JPY", ["Stage"] = "Client", ["ContractValue"] = "1000.5" });
        Assert.Equal(HttpStatusCode.OK, yen.StatusCode);
        Assert.Equal("JPY amounts have at most 0 decimals.", AppClient.FieldError(await AppClient.ParseAsync(yen), "ContractValue"));

        var kuwait = await client.SubmitAsync(form, "form[action='/clients/create']",
            new Dictionary<string, string> { ["Name"] = "Kuwait Co", ["Currency"] = "KWD", ["Stage"] = "Client", ["ContractValue"] = "1.255" });
        var kuwaitId = AppClient.IdFromRedirect(kuwait);
        Assert.Equal(1.255m, await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == kuwaitId).Select(c => c.ContractValue).SingleAsync()));

        var tokyo = await Work.ClientAsync(client, "Tokyo Two KK", currency: "JPY");
        var halfYen = await Work.SubmitProjectAsync(client, new()
        {
            ["Name"] = "Half", ["ClientId"] = tokyo.ToString(), ["Pricing"] = "FixedPrice", ["Value"] = "5000.5", ["Priority"] = "Medium", ["CompletionBasis"] = "Invoicing",
        });
        Assert.Equal(HttpStatusCode.OK, halfYen.StatusCode);
        Assert.Equal("JPY amounts have at most 0 decimals.", AppClient.FieldError(await AppClient.ParseAsync(halfYen), "Value"));
        var kwdProject = await Work.ProjectAsync(client, kuwaitId, "Fils", pricing: "FixedPrice", value: "1000.125", basis: "Invoicing");
        Assert.Equal(1000.125m, await app.WithDbAsync(db => db.Projects.IgnoreQueryFilters().Where(p => p.Id == kwdProject).Select(p => p.Value).SingleAsync()));

        var yenProject = await Work.ProjectAsync(client, tokyo, "Hourly yen");
        var serviceForm = await client.GetPageAsync($"/services/create?projectId={yenProject}");
        var halfRate = await client.SubmitAsync(serviceForm, "form[action='/services/create']", new Dictionary<string, string>
        {
            ["Name"] = "Design", ["ProjectId"] = yenProject.ToString(), ["Pricing"] = "Hourly", ["Rate"] = "100.5", ["Quantity"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, halfRate.StatusCode);
        Assert.Equal("JPY amounts have at most 0 decimals.", AppClient.FieldError(await AppClient.ParseAsync(halfRate), "Rate"));
        Assert.True(await Work.ServiceAsync(client, kwdProject, "Fils design", "Flat", "10.125", "1") > 0);
    }
}
