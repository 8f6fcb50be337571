using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Domain;

public sealed class ExpenseBillingRulesTests
{
    private static Expense Billed(int? invoiceId)
    {
        var expense = new Expense { Description = "Train", Rechargeable = true, ProjectId = 7, InvoiceId = invoiceId };
        expense.Record(new DateOnly(2026, 10, 12), 84.50m, "EUR", null, "EUR");
        return expense;
    }

    [Fact]
    public void WhyNotChange_UnbilledExpense_AllowsEverything()
    {
        var expense = Billed(null);
        Assert.Null(expense.WhyNotChange(90m, "USD", null, false, deleting: false, "a draft invoice"));
        Assert.Null(expense.WhyNotChange(null, null, null, false, deleting: true, "a draft invoice"));
    }

    [Fact]
    public void WhyNotChange_BilledExpense_RefusesAmountCurrencyProjectRechargeableAndDelete_AllowsTheRest()
    {
        var expense = Billed(3);
        Assert.Null(expense.WhyNotChange(84.50m, "eur", 7, true, deleting: false, "invoice INV-0001"));
        Assert.StartsWith("This expense is billed on invoice INV-0001: its amount and currency", expense.WhyNotChange(84.51m, "EUR", 7, true, false, "invoice INV-0001"));
        Assert.StartsWith("This expense is billed on invoice INV-0001: its amount and currency", expense.WhyNotChange(84.50m, "USD", 7, true, false, "invoice INV-0001"));
        Assert.Contains("stays a rechargeable expense of its project", expense.WhyNotChange(84.50m, "EUR", 8, true, false, "invoice INV-0001"));
        Assert.Contains("stays a rechargeable expense of its project", expense.WhyNotChange(84.50m, "EUR", 7, false, false, "invoice INV-0001"));
        Assert.Equal("This expense is billed on invoice INV-0001, so it cannot be deleted. Take its line off the draft, delete the draft or void the invoice first.",
            expense.WhyNotChange(null, null, null, false, deleting: true, "invoice INV-0001"));
    }
}
