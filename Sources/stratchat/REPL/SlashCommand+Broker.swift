import Foundation
import Networking
import Store
import Tools

/// `/paper link`, `/orders` and `/approve`: a paper account's orders sent to Alpaca's paper API.
extension SlashCommand {
    /// The broker of this chat's user, keys from the environment (never stored).
    @MainActor
    static func paperBroker(_ context: ChatContext) throws -> PaperBroker {
        PaperBroker(store: try context.store(), user: context.user,
                    connect: AlpacaClient.connector(environment: HostEnvironment.current().variables))
    }

    /// `/paper link [NAME] [auto|approve]`, `/paper unlink [NAME]`, `/paper mode auto|approve [NAME]`.
    @MainActor
    static func paperLink(_ action: String, _ words: [String], context: ChatContext) async throws {
        let service = PaperService(store: try context.store(), user: context.user)
        let broker = try paperBroker(context)
        var rest = words
        let mode = rest.firstIndex { PaperApprovalMode(argument: $0) != nil }.flatMap { PaperApprovalMode(argument: rest.remove(at: $0)) }
        let account = try service.account(rest.isEmpty ? nil : rest.joined(separator: " "))
        switch action {
        case "link":
            context.console.line(try await broker.link(account, approval: mode ?? .auto))
        case "unlink":
            context.console.line(try broker.unlink(account))
        default:
            guard let mode else { throw SlashError.usage("Give the mode: /paper mode auto or /paper mode approve") }
            context.console.line(try broker.setApproval(account, mode))
        }
    }

    static let orders = SlashCommand(
        name: "orders", usage: "/orders [ACCOUNT]",
        summary: "A linked paper account's Alpaca orders: those waiting for /approve, sent, filled and refused."
    ) { arguments, context in
        let broker = try paperBroker(context)
        let name = arguments.trimmingCharacters(in: .whitespaces)
        do {
            let accounts = name.isEmpty
                ? try broker.store.paperAccounts(user: context.user).filter { try broker.store.paperBrokerLink($0.id, user: context.user) != nil }
                : [try PaperService(store: broker.store, user: context.user).account(name)]
            context.console.line(PaperBroker.render(try broker.orders(of: accounts)))
        } catch let error as PaperError {
            throw SlashError.toolFailed(error.errorDescription ?? "\(error)")
        }
        return .keepGoing
    }

    static let approve = SlashCommand(
        name: "approve", usage: "/approve ID|all",
        summary: "Approve a waiting Alpaca order by its number from /orders, or all of them, and send it for the next open."
    ) { arguments, context in
        let reference = arguments.trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty else { throw SlashError.usage("Give the order's number from /orders, or all: /approve 3, /approve all") }
        let broker = try paperBroker(context)
        do {
            let accounts = try broker.store.paperAccounts(user: context.user)
            for line in try await broker.approve(reference, accounts: accounts).lines { context.console.line(line) }
        } catch let error as PaperBrokerError {
            throw SlashError.toolFailed(error.errorDescription ?? "\(error)")
        }
        return .keepGoing
    }
}
