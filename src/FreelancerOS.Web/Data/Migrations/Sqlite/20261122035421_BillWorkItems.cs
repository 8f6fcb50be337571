using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillWorkItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InvoiceLineId",
                table: "TimeEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProjectId",
                table: "InvoiceLines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_InvoiceLineId",
                table: "TimeEntries",
                column: "InvoiceLineId");

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_ProjectId_InvoiceId",
                table: "InvoiceLines",
                columns: new[] { "ProjectId", "InvoiceId" },
                filter: "\"ProjectId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_InvoiceLines_Projects_ProjectId",
                table: "InvoiceLines",
                column: "ProjectId",
                principalTable: "Projects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Milestones_Invoices_InvoiceId",
                table: "Milestones",
                column: "InvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ScopeChanges_Invoices_InvoiceId",
                table: "ScopeChanges",
                column: "InvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Services_Invoices_InvoiceId",
                table: "Services",
                column: "InvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_TimeEntries_InvoiceLines_InvoiceLineId",
                table: "TimeEntries",
                column: "InvoiceLineId",
                principalTable: "InvoiceLines",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_TimeEntries_Invoices_InvoiceId",
                table: "TimeEntries",
                column: "InvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_InvoiceLines_Projects_ProjectId",
                table: "InvoiceLines");

            migrationBuilder.DropForeignKey(
                name: "FK_Milestones_Invoices_InvoiceId",
                table: "Milestones");

            migrationBuilder.DropForeignKey(
                name: "FK_ScopeChanges_Invoices_InvoiceId",
                table: "ScopeChanges");

            migrationBuilder.DropForeignKey(
                name: "FK_Services_Invoices_InvoiceId",
                table: "Services");

            migrationBuilder.DropForeignKey(
                name: "FK_TimeEntries_InvoiceLines_InvoiceLineId",
                table: "TimeEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_TimeEntries_Invoices_InvoiceId",
                table: "TimeEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_InvoiceLineId",
                table: "TimeEntries");

            migrationBuilder.DropIndex(
                name: "IX_InvoiceLines_ProjectId_InvoiceId",
                table: "InvoiceLines");

            migrationBuilder.DropColumn(
                name: "InvoiceLineId",
                table: "TimeEntries");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "InvoiceLines");
        }
    }
}
