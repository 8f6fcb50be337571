using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClientInvoiceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_ClientId_Status",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_ClientId_IssueDate_Id",
                table: "Invoices",
                columns: new[] { "OwnerId", "ClientId", "IssueDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_ClientId_Status_Currency_Subtotal",
                table: "Invoices",
                columns: new[] { "OwnerId", "ClientId", "Status", "Currency", "Subtotal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_ClientId_IssueDate_Id",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_ClientId_Status_Currency_Subtotal",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_ClientId_Status",
                table: "Invoices",
                columns: new[] { "OwnerId", "ClientId", "Status" });
        }
    }
}
