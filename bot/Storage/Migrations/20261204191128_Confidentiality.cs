using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdoptionBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Confidentiality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ConversationId",
                table: "questions",
                type: "TEXT",
                maxLength: 500,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 500);

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "questions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TenantId",
                table: "ideas",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "channel_link_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BusinessUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreviousBusinessUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_link_changes", x => x.Id);
                });

            // Askers were stored as a plain SHA-256 of the object id, which anyone can compute for a known person; the
            // keyed hash cannot be derived from it, so the old values go (the questions stay, counted without askers).
            // Stored conversation ids are cleared by the bot itself once past the follow-up window (EfQuestionLog).
            migrationBuilder.Sql("UPDATE questions SET AskerHash = NULL;");
            migrationBuilder.Sql("UPDATE answer_feedback SET UserHash = NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_answer_feedback_AnswerId_UserHash",
                table: "answer_feedback",
                columns: new[] { "AnswerId", "UserHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channel_link_changes_ChannelId_AtUtc",
                table: "channel_link_changes",
                columns: new[] { "ChannelId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_link_changes");

            migrationBuilder.DropIndex(
                name: "IX_answer_feedback_AnswerId_UserHash",
                table: "answer_feedback");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "ideas");

            migrationBuilder.AlterColumn<string>(
                name: "ConversationId",
                table: "questions",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 500,
                oldNullable: true);
        }
    }
}
